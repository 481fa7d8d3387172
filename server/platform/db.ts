// The one Prisma client, on the better-sqlite3 driver adapter.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../../prisma/generated/client";

export type Db = PrismaClient;

/**
 * Opens the database. WAL lets readers go on while a change is written; synchronous=FULL
 * makes every committed change survive a power cut, not only a killed process.
 */
export async function openDatabase(url: string): Promise<Db> {
  const db = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url }) });
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA synchronous = FULL");
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  return db;
}
