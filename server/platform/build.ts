// `npm run build`: the production build, stamped with the sources it was made from.
// `npm run build -- --server` compiles the server alone (seconds, for server-only changes).
import { buildNow } from "./production-build";
import { compileServer } from "./server-build";

if (process.argv.includes("--server")) await compileServer();
else await buildNow();
