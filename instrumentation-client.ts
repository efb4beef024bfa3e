import { z } from "zod";

// Runs in the browser before the app. zod 4 compiles object parsers with `new Function` and
// probes for it once; under our Content-Security-Policy (no 'unsafe-eval') that probe is reported
// as a violation even though zod falls back. jitless skips the probe and the compiling.
z.config({ jitless: true });
