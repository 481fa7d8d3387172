// `npm run pack`: builds release/debrief-console-<version>-<os>-<arch>.tar.gz, or .zip on
// Windows (server/pack/pack.ts).
import path from "node:path";
import { buildPack, formatMb, MAX_PACK_BYTES, PACK_FOLDER } from "./pack";
import { packTarget } from "./pack-target";

try {
  const pack = await buildPack();
  const start =
    packTarget().archive === "zip"
      ? `Expand-Archive <archive> -DestinationPath <folder>, then <folder>\\${PACK_FOLDER}\\debrief-console.cmd`
      : `tar -xzf <archive> && ./${PACK_FOLDER}/debrief-console`;
  console.log(
    [
      "",
      `Pack: ${path.relative(process.cwd(), pack.archive)}`,
      `  ${formatMb(pack.bytes)} (limit ${formatMb(MAX_PACK_BYTES)}), ${pack.files} files, Node ${pack.info.node} for ${pack.info.os}-${pack.info.arch}`,
      `  Copy it to the hall's machine, then: ${start}`,
    ].join("\n"),
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
