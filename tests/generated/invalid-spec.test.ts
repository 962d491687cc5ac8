// A broken spec fails generation with its file and location, and nothing is written.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { generateAll } from "../../scripts/lib/generate-tree.ts";

const dir = mkdtempSync(join(tmpdir(), "invalid-spec-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const head = `openapi: 3.1.0
info:
  title: Broken
  version: 1.0.0
  description: A spec broken on purpose.
  license: { name: MIT, url: "https://opensource.org/licenses/MIT" }
servers:
  - url: https://api.broken.dev
security: []
tags:
  - name: Things
    description: Things.
`;
const op = (responseBody: string) => `paths:
  /things:
    get:
      operationId: listThings
      summary: List things
      description: Lists things.
      tags: [Things]
      responses:
        "200":
          description: The things.
${responseBody}
        "400":
          description: Bad.
          content:
            application/json:
              schema: { type: object }
              example: {}
`;

const cases = [
  {
    given: "YAML that does not parse",
    spec: head + "paths:\n  /things:\n    get: [\n",
    want: /broken\.yaml.*\(\d+:\d+\)/,
  },
  {
    given: "an example that breaks its schema",
    spec:
      head +
      op(`          content:
            application/json:
              schema: { type: object, properties: { id: { type: string } } }
              example: { id: 42 }`),
    want: /broken\.yaml:\d+:\d+ \(#\/paths\/~1things\/get\/responses\/200\/content\/application~1json\/example\/id\) error no-invalid-media-type-examples/,
  },
  {
    given: "a $ref to a schema that does not exist",
    spec:
      head +
      op(`          content:
            application/json:
              schema: { $ref: "#/components/schemas/Missing" }`),
    want: /broken\.yaml:\d+:\d+ .*error no-unresolved-refs/,
  },
];

it.each(cases)("fails on $given, naming the file and where", async ({ spec, want }) => {
  const root = join(dir, "broken.yaml");
  writeFileSync(root, spec);
  writeFileSync(
    join(dir, "redocly.yaml"),
    [
      "extends: [recommended-strict]",
      "apis:",
      "  broken@v1:",
      "    root: broken.yaml",
      "    x-openapi-ts:",
      "      output: generated/broken/schema.ts",
      "    x-client:",
      "      factory: createBrokenClient",
      "      credentials: { apiKey: BROKEN_API_KEY }",
      "",
    ].join("\n"),
  );
  await expect(generateAll({ configPath: join(dir, "redocly.yaml") })).rejects.toThrow(want);
});
