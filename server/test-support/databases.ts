// A fresh database per test server: a temp SQLite file, or — under `npm run test:pg`
// (DEBRIEF_TEST_PG set to a PostgreSQL URL such as postgresql://postgres@127.0.0.1:5432/debrief_test)
// — a new PostgreSQL database named <that name>_<random>, copied from <that name>_template,
// which is migrated once (the WebAssembly engine takes seconds on PostgreSQL).
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { migrateDatabase } from "../../prisma/migrate";
import { dropPostgresDatabase, ensurePostgresDatabase } from "../../prisma/postgres-admin";

/** The PostgreSQL URL whose database name prefixes every test database; undefined: SQLite. */
export const testPostgres = process.env.DEBRIEF_TEST_PG || undefined;

export function tempSqliteUrl(): string {
  return `file:${path.join(mkdtempSync(path.join(os.tmpdir(), "debrief-test-")), "test.db")}`;
}

function withDatabaseName(url: string, suffix: string): string {
  const parsed = new URL(url);
  parsed.pathname = `${parsed.pathname}_${suffix}`;
  return parsed.toString();
}

let template: Promise<string> | undefined;

/** The migrated template every PostgreSQL test database is copied from (migrations caught up once per process). */
function postgresTemplate(base: string): Promise<string> {
  template ??= (async () => {
    const url = withDatabaseName(base, "template");
    await ensurePostgresDatabase(url);
    await migrateDatabase(url);
    return url;
  })();
  return template;
}

/** A new, migrated, empty database for one test server. */
export async function freshDatabaseUrl(): Promise<string> {
  if (!testPostgres) return tempSqliteUrl();
  const templateUrl = await postgresTemplate(testPostgres);
  const url = withDatabaseName(testPostgres, randomBytes(5).toString("hex"));
  await ensurePostgresDatabase(url, new URL(templateUrl).pathname.slice(1));
  return url;
}

/** Drops the test databases this base name made (not the template); run after the suite. */
export async function dropTestDatabases(base: string): Promise<number> {
  const admin = new URL(base);
  const prefix = admin.pathname.slice(1);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  let names: string[];
  try {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [`${prefix}_`]);
    names = rows.map((row) => row.datname).filter((name) => name !== `${prefix}_template`);
  } finally {
    await client.end();
  }
  for (const name of names) await dropPostgresDatabase(withDatabaseName(base, name.slice(prefix.length + 1)));
  return names.length;
}
