// `npm run sample-exports -- <folder>`: runs the demo meeting to the end on a temp database
// (server/test-support/full-meeting.ts) and writes its five after-meeting documents to the
// folder, to open in Word, WPS or LibreOffice. README.md "Tests" says how they are checked.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fullMeetingDocuments } from "../test-support/full-meeting";

const folder = path.resolve(process.argv[2] ?? "sample-exports");
mkdirSync(folder, { recursive: true });
const files = await fullMeetingDocuments();
for (const [name, bytes] of Object.entries(files)) {
  writeFileSync(path.join(folder, name), bytes);
  console.log(`${path.join(folder, name)}  ${bytes.byteLength} bytes`);
}
process.exit(0);
