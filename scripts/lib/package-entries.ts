// The package's entry points, from the one list of APIs: `runtime`, per API its client
// (src/clients/<api>.ts) and, when its entry names a receiver, that (<api>-webhooks.ts), the
// standalone entries (`testing`, `redis`), and `.`, a barrel of the clients, receivers and runtime
// that `npm run generate` writes (generated/index.ts). The build (tsdown.config.ts), that barrel and
// the package.json `exports` map all derive from it.
import { type ApiEntry, loadApis } from "./apis.ts";

export const ROOT_ENTRY = "generated/index.ts";
/** The testing kit's entry (one of the standalone entries). */
export const TESTING_ENTRY = "testing";

/** Entries of their own that the root entry leaves out, and why: each is imported by name. */
export const STANDALONE_ENTRIES: Record<string, { source: string; why: string }> = {
  [TESTING_ENTRY]: {
    source: "src/testing/index.ts",
    why: "the mocks and signed deliveries for users' tests: no app should load the specs' examples",
  },
  redis: {
    source: "src/clients/redis.ts",
    why: "takes a client of the optional peer `redis` (node-redis); server-side, opt-in",
  },
};

/** Entry name (the file name in dist/, and the subpath except for `index`) → source file. */
export function packageEntries(apis: ApiEntry[] = loadApis()): Record<string, string> {
  const entries: Record<string, string> = { index: ROOT_ENTRY, runtime: "src/runtime/index.ts" };
  for (const api of apis) {
    entries[api.name] = `src/clients/${api.name}.ts`;
    // A receiver is an entry when the API's `x-client` names one.
    if (api.client.webhooks) entries[`${api.name}-webhooks`] = `src/clients/${api.name}-webhooks.ts`;
  }
  for (const [name, { source }] of Object.entries(STANDALONE_ENTRIES)) entries[name] = source;
  return entries;
}

/** The root entry's source: every other entry re-exported, but the standalone ones. */
export function rootEntryModule(entries: Record<string, string>, header: string): string {
  const lines = Object.entries(entries)
    .filter(([name]) => name !== "index" && !Object.hasOwn(STANDALONE_ENTRIES, name))
    .map(([, source]) => `export * from "../${source}";`);
  return `${header}// The package's root entry (\`loop-api-clients\`): every client, receiver and the runtime in one import.
${lines.join("\n")}
`;
}
