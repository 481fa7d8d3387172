// The PostgreSQL side of platform/db.ts: the Prisma client generated for PostgreSQL
// (prisma/generated-pg, from the same schema.prisma), on @prisma/adapter-pg over one pg
// pool, which the live meeting's store and the report files' pieces also use directly.
// Loaded only when DATABASE_URL is a postgresql:// URL.
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient as PostgresClient } from "../../prisma/generated-pg/client";
import type { PrismaClient } from "../../prisma/generated/client";

/** Connections per instance; PostgreSQL's max_connections must cover every instance's pool. */
const POOL_SIZE = Number(process.env.DEBRIEF_PG_POOL_SIZE ?? 10);

/** Connections that hold a meeting's advisory lock (platform/advisory-queue.ts), apart from the work's. */
const LOCK_POOL_SIZE = 16;

export function openPostgres(url: string): { db: PrismaClient; pool: pg.Pool; locks: pg.Pool } {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE });
  const locks = new pg.Pool({ connectionString: url, max: LOCK_POOL_SIZE });
  // An idle connection dropped by the server (restart, failover) must not crash the process.
  for (const each of [pool, locks]) each.on("error", (error) => console.error("PostgreSQL connection lost:", error.message));
  const client = new PostgresClient({ adapter: new PrismaPg(pool) });
  // Both clients come from one schema.prisma and answer the same queries; only the types
  // of a few PostgreSQL-only filter options differ.
  return { db: client as unknown as PrismaClient, pool, locks };
}
