// The small maps of generated/<api>/operations.ts name operations as the client's calls do: an
// entry's pathPrefix (LifeLoop's `/{tenant}`, which its client puts in the base URL) is not in them.
import { expect, it } from "vitest";
import { operationTableModule } from "../../scripts/lib/operation-table.ts";

const doc = {
  openapi: "3.1.0",
  info: { title: "Prefixed", version: "1" },
  servers: [{ url: "https://api.example.test/v1" }],
  paths: {
    "/{tenant}/things": {
      post: {
        operationId: "createThing",
        parameters: [
          { name: "tenant", in: "path", required: true, schema: { type: "string" } },
          { name: "Idempotency-Key", in: "header", schema: { type: "string" } },
        ],
        responses: { "201": { description: "made" } },
      },
      get: {
        operationId: "listThings",
        servers: [{ url: "https://other.example.test" }],
        security: [],
        parameters: [{ name: "tenant", in: "path", required: true, schema: { type: "string" } }],
        responses: { "200": { description: "listed" } },
      },
    },
  },
  security: [{ bearer: [] }],
  components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
};

const table = (api: { root: string; client?: { pathPrefix?: string } }) =>
  operationTableModule(doc as never, api);
const value = (source: string, name: string) =>
  JSON.parse(new RegExp(`export const ${name} = ([\\s\\S]*?) as const;`).exec(source)![1]!) as unknown;

it("keys the keyed, unsecured and other-server operations without the entry's pathPrefix", () => {
  const source = table({ root: "specs/prefixed", client: { pathPrefix: "/{tenant}" } });
  expect(value(source, "keyedOperations")).toEqual(["POST /things"]);
  expect(value(source, "unsecuredOperations")).toEqual(["GET /things"]);
  expect(value(source, "serverOverrides")).toEqual({ "GET /things": "https://other.example.test" });
  // The full table keeps the spec's paths.
  expect(source).toContain('"path": "/{tenant}/things"');
});

it("keeps the spec's paths when the entry has no pathPrefix", () => {
  const source = table({ root: "specs/prefixed" });
  expect(value(source, "keyedOperations")).toEqual(["POST /{tenant}/things"]);
  expect(value(source, "unsecuredOperations")).toEqual(["GET /{tenant}/things"]);
  expect(value(source, "serverOverrides")).toEqual({ "GET /{tenant}/things": "https://other.example.test" });
});
