// The one Prisma client, on the better-sqlite3 driver adapter, and a second connection to the
// same file for the live meeting's few statements, prepared once and run many times (Prisma's
// adapter prepares every statement again on each call, and takes a good part of a second to
// load its query compiler, which a restarted server must not wait for).
//
// Two connections, one writer at a time: the direct connection writes only while no Prisma
// transaction is open (each of its statements runs synchronously and commits on its own), so
// it never lands inside Prisma's transaction nor makes one fail.
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import Database from "better-sqlite3";
import type pg from "pg";
import { PrismaClient } from "../../prisma/generated/client";
import { databaseProvider, sqliteFilePath, type DatabaseProvider } from "./config";
import { workerEntry } from "./worker-entry";

export type Db = PrismaClient;

export type PreparedStatement = Database.Statement<unknown[], unknown>;

/**
 * The transaction a live write is committed in, handed to what runs alongside it (the 会议纪实's
 * append): on SQLite the direct connection's own synchronous transaction, on PostgreSQL the
 * pooled client that holds the open transaction.
 */
export type WriteTransaction = { provider: "sqlite" } | { provider: "postgresql"; client: pg.ClientBase };

export interface DirectSqlite {
  prepare(sql: string): PreparedStatement;
  /**
   * Resolves when no Prisma transaction is open. A write run right then (synchronously)
   * commits on its own and cannot collide with one.
   */
  outsideTransaction(): Promise<void>;
  /**
   * Runs `work` (synchronous statements of `prepare`) as one write transaction on the direct
   * connection (BEGIN IMMEDIATE … COMMIT, rolled back if it throws). Call it right after
   * `outsideTransaction()` resolves.
   */
  transaction<T>(work: () => T): T;
  /**
   * Copies every committed change from the WAL into the database file and truncates the WAL
   * to 0 bytes, so no earlier version of any page stays readable there. Retries while a
   * reader holds an old snapshot; false when it never got through.
   */
  checkpointTruncate(): Promise<boolean>;
}

function pragmas(database: Database.Database): void {
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = FULL");
  database.pragma("foreign_keys = ON");
  // Freed pages and freed parts of pages are overwritten with zeros: no old row survives in
  // the file once it is deleted or updated (see docs/ballot-secrecy.md).
  database.pragma("secure_delete = ON");
}

const CHECKPOINT_TRIES = 20;
const CHECKPOINT_RETRY_MS = 100;

const direct = new WeakMap<Db, DirectSqlite>();
const postgresPools = new WeakMap<Db, { pool: pg.Pool; locks: pg.Pool }>();

/**
 * Opens the database. SQLite: WAL lets readers go on while a change is written;
 * synchronous=FULL makes every committed change survive a power cut, not only a killed
 * process. PostgreSQL (a postgresql:// URL): see db-postgres.ts.
 */
export async function openDatabase(url: string): Promise<Db> {
  if (databaseProvider(url) === "postgresql") {
    const { openPostgres } = (await import(postgresModule())) as typeof import("./db-postgres");
    const { db, pool, locks } = openPostgres(url);
    postgresPools.set(db, { pool, locks });
    const disconnect = db.$disconnect.bind(db);
    // The pools are ours (the adapter leaves a pool it was given open).
    Object.defineProperty(db, "$disconnect", {
      value: async () => {
        await disconnect();
        await Promise.all([pool.end(), locks.end()]);
      },
    });
    return db;
  }
  const database = new Database(sqliteFilePath(url));
  pragmas(database);
  // A WAL left by a crash (or a stop before the checkpoint after a close) goes into the
  // database file now, and the WAL is emptied: its old commits are not kept around.
  database.pragma("wal_checkpoint(TRUNCATE)");
  const connection = new WatchedConnection(new PrismaBetterSqlite3({ url }), database);
  const db = new PrismaClient({ adapter: connection });
  direct.set(db, connection);
  // Prisma connects (and loads its query compiler, a good part of a second) on the first query.
  return db;
}

/**
 * db-postgres is compiled as an entry of its own (server-build.ts): its generated client
 * would add megabytes to the bundle every SQLite start parses. The compiled server imports
 * the compiled file; the sources (tests, tsx) the TypeScript one.
 */
function postgresModule(): string {
  return import.meta.url.includes("/dist/server/")
    ? workerEntry("platform/db-postgres").href
    : new URL("./db-postgres.ts", import.meta.url).href;
}

/** Which database `db` was opened on. */
export function providerOf(db: Db): DatabaseProvider {
  return postgresPools.has(db) ? "postgresql" : "sqlite";
}

/** The pg pool under a PostgreSQL `db`, for the few statements run without Prisma. */
export function postgresPool(db: Db): pg.Pool {
  const pools = postgresPools.get(db);
  if (!pools) throw new Error("postgresPool: this client was not opened on PostgreSQL");
  return pools.pool;
}

/** The pg pool for the meetings' advisory locks (held while the work runs on the other pool). */
export function postgresLockPool(db: Db): pg.Pool {
  const pools = postgresPools.get(db);
  if (!pools) throw new Error("postgresLockPool: this client was not opened on PostgreSQL");
  return pools.locks;
}

/** The direct connection beside `db`, for prepared statements; `db` must come from openDatabase. */
export function directSqlite(db: Db): DirectSqlite {
  const found = direct.get(db);
  if (!found) throw new Error("directSqlite: this client was not opened with openDatabase");
  return found;
}

/**
 * Hands Prisma its adapter as usual, watching Prisma's transactions open and close on it,
 * and serves the direct connection's statements.
 */
class WatchedConnection implements SqlDriverAdapterFactory, DirectSqlite {
  readonly provider = "sqlite";
  readonly adapterName: string;
  #prisma: Database.Database | null = null;
  #waiting: Array<() => void> = [];

  constructor(
    private readonly inner: PrismaBetterSqlite3,
    private readonly database: Database.Database,
  ) {
    this.adapterName = inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    const adapter = await this.inner.connect();
    // The adapter keeps its better-sqlite3 Database as `client` (not in its typings).
    const client: unknown = Reflect.get(adapter, "client");
    if (!(client instanceof Database)) throw new Error("better-sqlite3 adapter without its client");
    pragmas(client);
    this.#prisma = client;
    return {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      queryRaw: (query) => adapter.queryRaw(query),
      executeRaw: (query) => adapter.executeRaw(query),
      executeScript: (script) => adapter.executeScript(script),
      startTransaction: async (isolationLevel) => this.#watch(await adapter.startTransaction(isolationLevel)),
      getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
      dispose: async () => {
        await adapter.dispose();
        this.database.close();
      },
    };
  }

  prepare(sql: string): PreparedStatement {
    return this.database.prepare(sql);
  }

  transaction<T>(work: () => T): T {
    return this.database.transaction(work).immediate();
  }

  async checkpointTruncate(): Promise<boolean> {
    for (let attempt = 0; attempt < CHECKPOINT_TRIES; attempt++) {
      await this.outsideTransaction();
      const [result] = this.database.pragma("wal_checkpoint(TRUNCATE)") as Array<{ busy: number; log: number; checkpointed: number }>;
      if (result && result.busy === 0 && result.log <= 0) return true;
      await new Promise((resolve) => setTimeout(resolve, CHECKPOINT_RETRY_MS));
    }
    return false;
  }

  outsideTransaction(): Promise<void> {
    if (!this.#prisma?.inTransaction) return Promise.resolve();
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
