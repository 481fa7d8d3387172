// Builds what the hall's pages load (components/hall/): one browser bundle for the attendee
// (the 会议码 form and the tablet) and one for the projector (esbuild), each with its own
// stylesheet (Tailwind, with the utilities of the files in that bundle only), into dist/hall/
// with content-hashed names, a gzip copy of each file, and a manifest that hall-pages.ts reads. Next's client runtime (its router
// and RSC payload, ≈ 65 KB gzip) is not among them: tablets download ≈ 100 KB over the hall's
// Wi-Fi instead of ≈ 170 KB.
//
// Each bundle is built on its own, into one file (plus what it loads later with import()):
// shared chunks between the two would each compress apart, and no device opens both.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import tailwind from "@tailwindcss/postcss";
import { build } from "esbuild";
import postcss from "postcss";
import { HALL_BUNDLES, type HallBundle } from "../../components/hall/routes";
import { projectRoot } from "../platform/config";
import { HALL_ASSET_PREFIX, MANIFEST_FILE, type HallManifest, type HallPageAssets } from "./hall-manifest";

export const hallOutDir = path.join(projectRoot, "dist", "hall");

/** The HTML around every page carries classes of its own (its body's). */
const DOCUMENT_SOURCE = "server/hall/hall-document.ts";

/** The browsers tablets and projectors may run: those Next's own build targets. */
const BROWSERS = ["chrome111", "edge111", "firefox111", "safari16.4"];

export interface HallBuildOptions {
  outDir?: string;
  /** Development: React's development build, readable code, no gzip copies. */
  dev?: boolean;
}

export async function buildHall(options: HallBuildOptions = {}): Promise<HallManifest> {
  const outDir = options.outDir ?? hallOutDir;
  const dev = options.dev ?? false;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const pages = {} as HallManifest["pages"];
  for (const bundle of Object.keys(HALL_BUNDLES) as HallBundle[]) {
    const { script, preload, sources } = await buildBundle(bundle, outDir, dev);
    const css = await stylesheetOf([...sources, DOCUMENT_SOURCE], dev);
    const stylesheet = `${bundle}-${contentHash(css)}.css`;
    writeFileSync(path.join(outDir, stylesheet), css);
    const assets: HallPageAssets = {
      script: HALL_ASSET_PREFIX + script,
      preload: preload.map((file) => HALL_ASSET_PREFIX + file),
      stylesheet: HALL_ASSET_PREFIX + stylesheet,
    };
    for (const page of HALL_BUNDLES[bundle]) pages[page] = assets;
  }
  const manifest: HallManifest = { pages };
  writeFileSync(path.join(outDir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + "\n");
  if (!dev) {
    for (const file of readdirSync(outDir).filter((name) => name !== MANIFEST_FILE)) {
      writeFileSync(path.join(outDir, `${file}.gz`), gzipSync(readFileSync(path.join(outDir, file)), { level: 9 }));
    }
  }
  return manifest;
}

interface BuiltBundle {
  /** File name of the entry script. */
  script: string;
  /** File names of the chunks it imports at once. */
  preload: string[];
  /** The project's files in it, from the project root. */
  sources: string[];
}

async function buildBundle(bundle: HallBundle, outDir: string, dev: boolean): Promise<BuiltBundle> {
  const entry = `components/hall/entries/${bundle}.tsx`;
  const result = await build({
    absWorkingDir: projectRoot,
    entryPoints: { [bundle]: entry },
    outdir: outDir,
    bundle: true,
    // Only for import(): code a page needs later (the ballot) goes in a file of its own.
    splitting: true,
    format: "esm",
    entryNames: "[name]-[hash]",
    chunkNames: `${bundle}-later-[hash]`,
    target: BROWSERS,
    jsx: "automatic",
    minify: !dev,
    define: { "process.env.NODE_ENV": JSON.stringify(dev ? "development" : "production") },
    metafile: true,
    logLevel: "warning",
  });
  const [script, output] = Object.entries(result.metafile.outputs).find(([, output]) => output.entryPoint === entry)!;
  return {
    script: path.basename(script),
    preload: output.imports.filter((imported) => imported.kind === "import-statement").map((imported) => path.basename(imported.path)),
    sources: Object.keys(result.metafile.inputs).filter((input) => !input.startsWith("node_modules/")),
  };
}

/**
 * Tailwind's utilities for the classes written in `sources` (paths from the project root),
 * with the theme and the base rules every page has. Only what the bundle can render: the
 * console's classes would add a third to what every tablet downloads.
 */
async function stylesheetOf(sources: string[], dev: boolean): Promise<string> {
  const sheet = [
    '@import "tailwindcss" source(none);',
    ...sources.map((source) => `@source "../${source}";`),
    '@import "./theme.css";',
    '@import "./base.css";',
  ].join("\n");
  // As if it were a file in app/, beside the sheets it imports.
  const from = path.join(projectRoot, "app", "hall.css");
  const result = await postcss([tailwind({ base: projectRoot, optimize: dev ? false : { minify: true } })]).process(sheet, { from });
  return result.css;
}

function contentHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 10);
}
