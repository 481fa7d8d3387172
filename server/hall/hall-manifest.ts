// What dist/hall/manifest.json says (written by hall-build.ts, read by hall-pages.ts).
import type { HallRoute } from "../../components/hall/routes";

/** Where the hall's built files are served from; their names carry their content hash. */
export const HALL_ASSET_PREFIX = "/hall/";
export const MANIFEST_FILE = "manifest.json";

export interface HallPageAssets {
  /** The page's module script (its bundle, components/hall/entries/). */
  script: string;
  /** The chunks it imports at once, announced in the page so they download alongside it. */
  preload: string[];
  stylesheet: string;
}

export interface HallManifest {
  pages: Record<HallRoute["page"], HallPageAssets>;
}
