// Runs in the browser before any page's own code (Next's instrumentation-client convention),
// so it covers every page, present and future.

// zod compiles object parsers with `new Function` when it can, and probes for that ability
// with a call our Content-Security-Policy (no 'unsafe-eval') refuses and reports as a
// violation. `jitless` skips both; forms and acks are small enough for the interpreter.
// Set through the global object zod keeps its configuration in (shared by every copy of
// zod, read when zod loads), so this file does not add zod to pages that never use it.
type ZodGlobal = typeof globalThis & { __zod_globalConfig?: { jitless?: boolean } };
const zodConfig = ((globalThis as ZodGlobal).__zod_globalConfig ??= {});
zodConfig.jitless = true;
