// What bench/request-overhead.bench.ts bundles with esbuild: the three clients and openapi-fetch.
export { default as createClient } from "openapi-fetch";
export { createLifeLoopClient } from "../src/clients/lifeloop.ts";
export { createLoopMessageClient } from "../src/clients/loopmessage.ts";
export { createLoopsClient, type LoopsPaths } from "../src/clients/loops.ts";
