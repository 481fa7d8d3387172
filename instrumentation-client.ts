// Runs in the browser before any page's own code (Next's instrumentation-client convention),
// so it covers every page, present and future.
import { z } from "zod";

// zod compiles object parsers with `new Function` when it can, and probes for that ability
// with a call our Content-Security-Policy (no 'unsafe-eval') refuses and reports as a
// violation. Forms and acks are small: the interpreter is as fast as anyone would notice.
z.config({ jitless: true });
