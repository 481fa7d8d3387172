// The one Prisma client, on the better-sqlite3 driver adapter, and the same connection for
// the few statements on the hot path that are prepared once and run many times (Prisma's
// adapter prepares every statement again on each call).
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import Database from "better-sqlite3";
import { PrismaClient } from "../../prisma/generated/client";

export type Db = PrismaClient;

/** A statement prepared on the connection under the Prisma client. */
export type PreparedStatement = Database.Statement<unknown[], unknown>;

export interface DirectSqlite {
  prepare(sql: string): PreparedStatement;
  /**
   * Resolves when no Prisma transaction is open on the connection. A statement run right
   * then (synchronously) commits on its own, never inside someone else's transaction.
   */
  outsideTransaction(): Promise<void>;
}

const direct = new WeakMap<Db, DirectSqlite>();

/**
 * Opens the database. WAL lets readers go on while a change is written; synchronous=FULL
 * makes every committed change survive a power cut, not only a killed process.
 */
export async function openDatabase(url: string): Promise<Db> {
  const connection = new SharedConnection(new PrismaBetterSqlite3({ url }));
  const db = new PrismaClient({ adapter: connection });
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$executeRawUnsafe("PRAGMA synchronous = FULL");
  await db.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  direct.set(db, connection);
  return db;
}

/** The connection under `db`, for prepared statements; `db` must come from openDatabase. */
export function directSqlite(db: Db): DirectSqlite {
  const found = direct.get(db);
  if (!found) throw new Error("directSqlite: this client was not opened with openDatabase");
  return found;
}

/**
 * Hands Prisma the adapter as usual and keeps the better-sqlite3 handle under it, watching
 * Prisma's transactions open and close (its adapter runs them on this one connection).
 */
class SharedConnection implements SqlDriverAdapterFactory, DirectSqlite {
  readonly provider = "sqlite";
  readonly adapterName: string;
  #database: Database.Database | null = null;
  #waiting: Array<() => void> = [];

  constructor(private readonly inner: PrismaBetterSqlite3) {
    this.adapterName = inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.inner.connect();
    // The adapter keeps its better-sqlite3 Database as `client` (not in its typings).
    const client: unknown = Reflect.get(adapter, "client");
    if (!(client instanceof Database)) throw new Error("better-sqlite3 adapter without its client");
    this.#database = client;
    return {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      queryRaw: (query) => adapter.queryRaw(query),
      executeRaw: (query) => adapter.executeRaw(query),
      executeScript: (script) => adapter.executeScript(script),
      startTransaction: async (isolationLevel) => this.#watch(await adapter.startTransaction(isolationLevel)),
      getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
      dispose: () => adapter.dispose(),
    };
  }

  prepare(sql: string): PreparedStatement {
    if (!this.#database) throw new Error("database not open yet");
    return this.#database.prepare(sql);
  }

  outsideTransaction(): Promise<void> {
    if (!this.#database?.inTransaction) return Promise.resolve();
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #watch(tx: Transaction): Transaction {
    const settled = async (end: () => Promise<void>) => {
      await end();
      for (const resume of this.#waiting.splice(0)) {
        // Another transaction may have begun meanwhile: wait for that one too.
        void this.outsideTransaction().then(resume);
      }
    };
    return Object.assign(Object.create(tx) as Transaction, {
      commit: () => settled(() => tx.commit()),
      rollback: () => settled(() => tx.rollback()),
    });
  }
}
