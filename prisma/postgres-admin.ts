// Creating and dropping whole PostgreSQL databases (the test databases, the shadow database
// of `npm run db:migration`, the target of `npm run db:copy`), through the server's
// `postgres` maintenance database.
import pg from "pg";

function split(url: string): { admin: string; database: string } {
  const parsed = new URL(url);
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`unexpected PostgreSQL database name "${database}"`);
  parsed.pathname = "/postgres";
  return { admin: parsed.toString(), database };
}

async function onAdmin<T>(url: string, work: (client: pg.Client, database: string) => Promise<T>): Promise<T> {
  const { admin, database } = split(url);
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    return await work(client, database);
  } finally {
    await client.end();
  }
}

/** Creates the database `url` names unless it exists (optionally as a copy of `template`). */
export function ensurePostgresDatabase(url: string, template?: string): Promise<void> {
  return onAdmin(url, async (client, database) => {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount) return;
    const from = template ? ` TEMPLATE "${split(`postgresql://x/${template}`).database}"` : "";
    await client.query(`CREATE DATABASE "${database}"${from}`);
  });
}

export function dropPostgresDatabase(url: string): Promise<void> {
  return onAdmin(url, async (client, database) => {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  });
}
