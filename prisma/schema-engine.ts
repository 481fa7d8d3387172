// Prisma's schema engine, run as WebAssembly on the app's own driver adapter (better-sqlite3,
// or pg for a postgresql:// URL). This replaces the native binary the Prisma CLI would
// download (no internet in the hall).
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine } from "@prisma/schema-engine-wasm";
import { databaseProvider, type DatabaseProvider } from "../server/platform/config";
import { migrationsDir, migrationsDirFor, schemaPath } from "./migration-paths";
import { postgresSchema, postgresSchemaPath } from "./postgres-schema.mjs";

export { migrationsDir, schemaPath };

/** The schema file the engine reads for a provider: schema.prisma, or its PostgreSQL twin. */
async function datamodelFor(provider: DatabaseProvider): Promise<[string, string]> {
  if (provider === "postgresql") return [postgresSchemaPath, postgresSchema(await readFile(schemaPath, "utf8"))];
  return [schemaPath, await readFile(schemaPath, "utf8")];
}

type Bindings = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");
let wasmReady: Promise<Bindings> | undefined;

/**
 * The engine's JS glue and WebAssembly, loaded on first use only: imported statically they
 * would load (bundled into dist/server/index.js) with every start, migration pending or not.
 */
function loadWasm(): Promise<Bindings> {
  wasmReady ??= (async () => {
    const bindings = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const require = createRequire(import.meta.url);
    // The .wasm file is not in the package's exports map; it sits beside the JS glue.
    const glue = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmFile = path.join(path.dirname(glue), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(await readFile(wasmFile), {
      "./schema_engine_bg.js": bindings as unknown as WebAssembly.ModuleImports,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return wasmReady;
}

/**
 * Runs `work` with the schema engine open on the database at `url`, then frees the engine
 * and closes its connections: `free()` alone leaves them open, and a leftover connection
 * makes the app's own writes fail with SQLITE_BUSY. On PostgreSQL the shadow database (for
 * diffs only) is the one named by `shadowDatabaseUrl`, never one the engine makes up.
 */
export async function withSchemaEngine<T>(
  url: string,
  work: (engine: SchemaEngine) => Promise<T>,
  shadowDatabaseUrl?: string,
): Promise<T> {
  const bindings = await loadWasm();
  const provider = databaseProvider(url);
  const [datamodelPath, datamodel] = await datamodelFor(provider);
  const opened: SqlDriverAdapter[] = [];
  let factory: SqlMigrationAwareDriverAdapterFactory;
  if (provider === "postgresql") {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    const pg = new PrismaPg({ connectionString: url, max: 1 });
    const shadow = shadowDatabaseUrl ? new PrismaPg({ connectionString: shadowDatabaseUrl, max: 1 }) : undefined;
    factory = Object.assign(Object.create(pg) as PrismaPg, {
      connect: async () => remember(await pg.connect()),
      connectToShadowDb: async () => {
        if (!shadow) throw new Error("a PostgreSQL diff needs a shadow database URL");
        return remember(await shadow.connect());
      },
    });
  } else {
    const sqlite = new PrismaBetterSqlite3({ url }, { shadowDatabaseUrl });
    factory = Object.assign(Object.create(sqlite) as PrismaBetterSqlite3, {
      connect: async () => remember(await sqlite.connect()),
      connectToShadowDb: async () => remember(runScriptsAsScripts(await sqlite.connectToShadowDb())),
    });
  }
  function remember(adapter: SqlDriverAdapter): SqlDriverAdapter {
    // Disposed once, whether the engine already did (pg's pool refuses a second end()).
    let disposed: Promise<void> | undefined;
    const once = Object.assign(Object.create(adapter) as SqlDriverAdapter, { dispose: () => (disposed ??= adapter.dispose()) });
    opened.push(once);
    return once;
  }
  const log = () => {};
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await bindings.SchemaEngine.new({ datamodels: [[datamodelPath, datamodel]] }, log, bound);
  try {
    return await work(engine);
  } finally {
    engine.free();
    await Promise.all(opened.map((adapter) => adapter.dispose()));
  }
}

/** prisma/migrations (or migrations-pg) as the engine expects it: every folder with its migration.sql. */
export async function readMigrationList(provider: DatabaseProvider = "sqlite"): Promise<MigrationList> {
  const migrationsDir = migrationsDirFor(provider);
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const folders = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  return {
    baseDir: migrationsDir,
    lockfile: { path: lockPath, content: await readFile(lockPath, "utf8").catch(() => null) },
    shadowDbInitScript: "",
    migrationDirectories: await Promise.all(
      folders.map(async (folder) => ({
        path: folder,
        migrationFile: {
          path: "migration.sql",
          content: await readFile(path.join(migrationsDir, folder, "migration.sql"), "utf8").then(
            (value) => ({ tag: "ok" as const, value }),
            (error: Error) => ({ tag: "error" as const, value: error.message }),
          ),
        },
      })),
    ),
  };
}

export const noFilters = { externalTables: [], externalEnums: [] };

/**
 * The shadow database replays whole migration files through `executeRaw`, which
 * better-sqlite3 refuses for multi-statement SQL; parameterless SQL goes to
 * `executeScript` instead.
 */
function runScriptsAsScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => adapter.queryRaw(query),
    executeRaw: async (query) =>
      query.args.length ? adapter.executeRaw(query) : adapter.executeScript(query.sql).then(() => 0),
    executeScript: (script) => adapter.executeScript(script),
    startTransaction: (isolationLevel) => adapter.startTransaction(isolationLevel),
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: () => adapter.dispose(),
  };
}
