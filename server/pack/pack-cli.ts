// `npm run pack`: builds release/debrief-console-<version>-<os>-<arch>.tar.gz (server/pack/pack.ts).
import path from "node:path";
import { buildPack, formatMb, MAX_PACK_BYTES } from "./pack";

try {
  const pack = await buildPack();
  console.log(
    [
      "",
      `Pack: ${path.relative(process.cwd(), pack.archive)}`,
      `  ${formatMb(pack.bytes)} (limit ${formatMb(MAX_PACK_BYTES)}), ${pack.files} files, Node ${pack.info.node} for ${pack.info.os}-${pack.info.arch}`,
      "  Copy it to the hall's machine, then: tar -xzf <archive> && ./debrief-console/debrief-console",
    ].join("\n"),
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
