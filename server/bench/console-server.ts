// The console exactly as `npm start` runs it (dist/server/index.js), plus the benchmark's
// probe. Compiled with the server; started by `npm run bench`.
import "./probe";
import "../index";
