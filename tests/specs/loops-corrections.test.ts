// Every correction of Loops' published spec (the `corrections` of specs/loops/additions.yaml, one
// line each in specs/loops/RESTORED.md) with a documented call that the published form refuses and
// the corrected spec accepts. "Published" is specs/loops/openapi.yaml as it is (the published facts,
// no additions); "corrected" is the bundled generated/loops/openapi.json.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../../scripts/lib/apis.ts";
import { apiByName, readBundledSpec } from "../support/generated-specs.ts";
import { SpecValidator } from "../support/spec-validator.ts";

const read = (path: string) => readFileSync(join(repoRoot, path), "utf8");
const published = parse(read("specs/loops/openapi.yaml"));
const corrected = readBundledSpec(apiByName("loops"));
const was = new SpecValidator(published);
const now = new SpecValidator(corrected);
const schema = (name: string) => `/components/schemas/${name}`;
const seed = (name: string) =>
  (JSON.parse(read("tests/fixtures/loops/seed-examples.json")).examples as { name: string; json: unknown }[]).find(
    (e) => e.name === name,
  )!.json;

interface Case {
  id: string;
  call: string;
  /** Where the body is checked, in both documents. */
  pointer: string;
  body: unknown;
  /** Where the correction is to the example itself: the corrected example. */
  correctedBody?: unknown;
  /** The published form's complaint. */
  refusal: RegExp;
}

const cases: Case[] = [
  {
    id: "C1",
    call: "updateContact with `mailingLists` (the published schema's own example)",
    pointer: schema("ContactUpdateRequest"),
    body: published.components.schemas.ContactUpdateRequest.examples[0],
    refusal: /\/mailingLists must be (string|number|boolean)/,
  },
  {
    id: "C2",
    call: "sendTransactionalEmail answering 400 with the published TransactionalFailure5Response example",
    pointer: "/paths/~1v1~1transactional/post/responses/400/content/application~1json/schema",
    body: published.components.schemas.TransactionalFailure5Response.examples[0],
    refusal: /must match exactly one schema in oneOf/,
  },
  {
    id: "C3",
    call: "getWorkflow answering with the published SimplifiedWorkflow example",
    pointer: schema("SimplifiedWorkflow"),
    body: published.components.schemas.SimplifiedWorkflow.examples[0],
    correctedBody: corrected.components.schemas.SimplifiedWorkflow.examples[0],
    refusal: /must have required property 'workflowRevisionId'/,
  },
  {
    id: "C4",
    call: "deleteContact by email alone (REST docs example contactsDeleteByEmail)",
    pointer: schema("ContactDeleteRequest"),
    body: seed("contactsDeleteByEmail"),
    refusal: /must have required property 'userId'/,
  },
  {
    id: "C6",
    call: "getWorkflowNode answering a timer node with the fields the published schema requires",
    pointer: schema("WorkflowNodeWithRevision"),
    body: {
      id: "node_1",
      workflowId: "wf_1",
      typeName: "TimerAction",
      nextNodeIds: [],
      amount: 2,
      unit: "d",
      workflowRevisionId: "rev_1",
    },
    refusal: /must NOT have additional properties/,
  },
  {
    id: "C7",
    call: "getEventPattern answering with a custom event's pattern (no incoming webhook platform)",
    pointer: schema("EventPattern"),
    body: { id: "evp_1", eventName: "signup", eventProperties: [], incomingWebhookPlatform: null },
    refusal: /\/incomingWebhookPlatform must be equal to one of the allowed values/,
  },
  {
    id: "C7",
    call: "listEventPatterns answering with a custom event's pattern",
    pointer: "/paths/~1v1~1event-patterns/get/responses/200/content/application~1json/schema",
    body: {
      pagination: { totalResults: 1, returnedResults: 1, perPage: 20, totalPages: 1, nextCursor: null, nextPage: null },
      data: [{ id: "evp_1", eventName: "signup", incomingWebhookPlatform: null }],
    },
    refusal: /\/data\/0\/incomingWebhookPlatform must be equal to one of the allowed values/,
  },
];

describe("corrections of Loops' published spec", () => {
  it.each(cases)("$id: the published form refuses $call; the corrected spec accepts it", (c) => {
    const errors = was.errors(c.pointer, c.body);
    expect(errors.join("\n")).toMatch(c.refusal);
    expect(now.errors(c.pointer, c.correctedBody ?? c.body)).toEqual([]);
  });

  // The discriminators change the generated types, not validation (ajv ignores `discriminator`).
  it('C5: without a mapping, openapi-typescript types each node\'s typeName as its schema name, so the documented `typeName === "SendEmailAction"` check cannot compile; with ours it is the value Loops sends', async () => {
    const { default: openapiTS, astToString } = await import("openapi-typescript");
    const typeNames = async (doc: Record<string, any>) => {
      const slice = {
        openapi: "3.1.0",
        info: { title: "slice", version: "1" },
        paths: {},
        components: { schemas: closure(doc.components.schemas, "WorkflowNode") },
      };
      const text = astToString(await openapiTS(slice as never, { silent: true }));
      return [...text.matchAll(/typeName: "([^"]+)"/g)].map((m) => m[1]);
    };
    expect(await typeNames(published)).toContain("SendEmailActionWorkflowNode");
    const fixed = await typeNames(corrected);
    expect(fixed).toContain("SendEmailAction");
    expect(fixed).not.toContain("SendEmailActionWorkflowNode");
  });

  it("every correction in additions.yaml names a RESTORED.md line, which exists and is tested here", () => {
    const additions = parse(read("specs/loops/additions.yaml")) as { corrections: { reason: string }[] };
    const ids = [...new Set(additions.corrections.map((c) => /^RESTORED\.md (C\d+)/.exec(c.reason)?.[1]))];
    expect(ids).not.toContain(undefined);
    const restored = read("specs/loops/RESTORED.md");
    for (const id of ids) expect(restored, `RESTORED.md has no line for ${id}`).toMatch(new RegExp(`\\| ${id} \\|`));
    expect([...new Set([...cases.map((c) => c.id), "C5"])].sort()).toEqual([...ids].sort());
  });
});

/** The named schema and every schema it reaches through $refs. */
function closure(schemas: Record<string, unknown>, name: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const visit = (n: string) => {
    if (n in out) return;
    out[n] = schemas[n];
    for (const [, ref] of JSON.stringify(schemas[n]).matchAll(/"#\/components\/schemas\/([^"]+)"/g)) visit(ref!);
  };
  visit(name);
  return out;
}
