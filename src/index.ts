/**
 * The package's root entry: every client factory, webhook receiver and error class in one import.
 * Each also has an entry of its own (`loop-api-clients/loops`, `loop-api-clients/lifeloop-webhooks`,
 * `loop-api-clients/runtime`, …) that loads only what it needs.
 */
export * from "./clients/loops.ts";
export * from "./clients/lifeloop.ts";
export * from "./clients/loopmessage.ts";
export * from "./clients/lifeloop-webhooks.ts";
export * from "./clients/loopmessage-webhooks.ts";
export * from "./clients/loops-webhooks.ts";
export * from "./runtime/index.ts";
