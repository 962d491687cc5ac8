// Every correction of Loops' published spec and every addition beyond it (the `corrections` and
// `sharedResponses` of specs/loops/additions.yaml, one line each in specs/loops/RESTORED.md) with a
// documented call that the published form refuses (or does not know) and the corrected spec accepts. "Published" is specs/loops/openapi.yaml as it is (the published facts,
// no additions); "corrected" is the bundled generated/loops/openapi.json.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repoRoot } from "../../scripts/lib/apis.ts";
import { valueAt } from "../../scripts/lib/operation-table.ts";
import { apiByName, readBundledSpec } from "../support/generated-specs.ts";
import { SpecValidator } from "../support/spec-validator.ts";
import { unescapeSegment } from "../../src/validation/json-pointer.ts";

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

const op = (method: string, path: string) => `/paths/${path.replaceAll("/", "~1")}/${method}`;
const body = (operation: string) => `${operation}/requestBody/content/application~1json/schema`;
const answer = (operation: string, status: string) =>
  `${operation}/responses/${status}/content/application~1json/schema`;
const createContact = op("post", "/v1/contacts/create");
const updateContact = op("put", "/v1/contacts/update");
const sendEvent = op("post", "/v1/events/send");
const deleteWorkflow = op("delete", "/v1/workflows/{workflowId}");

cases.push(
  {
    id: "A1",
    call: "createContact emptying firstName and a custom property with null",
    pointer: body(createContact),
    body: { email: "ada@example.org", firstName: null, plan: null },
    refusal: /\/firstName must be string/,
  },
  {
    id: "A1",
    call: "updateContact emptying lastName and userGroup with null",
    pointer: schema("ContactUpdateRequest"),
    body: { userId: "usr_1", lastName: null, userGroup: null },
    refusal: /\/lastName must be string/,
  },
  {
    id: "A1",
    call: "sendEvent emptying a contact property with null",
    pointer: body(sendEvent),
    body: { email: "ada@example.org", eventName: "signup", plan: null },
    refusal: /\/plan must be (string|number|boolean)/,
  },
  {
    id: "A6",
    call: "listContactProperties with a `list` value Loops does not take",
    pointer: "/paths/~1v1~1contacts~1properties/get/parameters/0/schema",
    // Reversed: the published form accepts any string, ours only the two values.
    body: "everything",
    refusal: /^$/,
  },
);

/** Additions the published file does not have at all: where they live, and a value ours accepts. */
const absent: { id: string; call: string; pointer: string; body?: unknown }[] = [
  {
    id: "A2",
    call: "createContact answering 401 Invalid API key",
    pointer: answer(createContact, "401"),
    body: { success: false, message: "Invalid API key" },
  },
  {
    id: "A2",
    call: "sendEvent answering 401 Invalid API key",
    pointer: answer(sendEvent, "401"),
    body: { success: false, message: "Invalid API key" },
  },
  {
    id: "A3",
    call: "updateContact answering 429 with the rate-limit headers",
    pointer: answer(updateContact, "429"),
    body: { success: false, message: "Rate limit exceeded." },
  },
  {
    id: "A4",
    call: "deleteWorkflow (the official SDK's request)",
    pointer: body(deleteWorkflow),
    body: { expectedRevisionId: null, confirmDelete: true },
  },
  { id: "A5", call: "the webhook signing scheme", pointer: "/x-webhook-signature" },
  {
    id: "A8",
    call: "getCampaign answering with the campaign's url",
    pointer: "/components/schemas/CampaignResponse/properties/url",
    body: "https://app.loops.so/campaigns/cmp_1",
  },
  {
    id: "A9",
    call: "getCampaignMetrics (the Loops CLI's request and its answer)",
    pointer: answer(op("get", "/v1/campaigns/{campaignId}/metrics"), "200"),
    body: { sends: 4210, opens: 1922, clicks: 301, unsubscribes: 12, spamReports: 1, hardBounces: 9, softBounces: 13 },
  },
  {
    id: "A9",
    call: "getTransactionalEmailMetrics",
    pointer: answer(op("get", "/v1/transactional-emails/{transactionalId}/metrics"), "200"),
    body: { sends: 4210, deliveries: 4175, spamReports: 1, hardBounces: 9, softBounces: 13 },
  },
  {
    id: "A9",
    call: "getWorkflowNodeMetrics for a node that has not sent",
    pointer: answer(op("get", "/v1/workflows/{workflowId}/nodes/{nodeId}/metrics"), "200"),
    body: { sends: 0, opens: 0, clicks: 0, unsubscribes: 0, spamReports: 0, hardBounces: 0, softBounces: 0 },
  },
];

describe("corrections of Loops' published spec", () => {
  it.each(cases.filter((c) => c.id !== "A6"))(
    "$id: the published form refuses $call; the corrected spec accepts it",
    (c) => {
      const errors = was.errors(c.pointer, c.body);
      expect(errors.join("\n")).toMatch(c.refusal);
      expect(now.errors(c.pointer, c.correctedBody ?? c.body)).toEqual([]);
    },
  );

  it("A6: `list` takes only all or custom in ours, any string in the published form", () => {
    const pointer = "/paths/~1v1~1contacts~1properties/get/parameters/0/schema";
    expect(was.errors(pointer, "everything")).toEqual([]);
    expect(now.errors(pointer, "everything").join("\n")).toMatch(/must be equal to one of the allowed values/);
    for (const list of ["all", "custom"]) expect(now.errors(pointer, list)).toEqual([]);
  });

  it.each(absent)("$id: the published form has nothing at $pointer ($call); ours has it", (c) => {
    const segments = c.pointer.split("/").slice(1).map(unescapeSegment);
    expect(valueAt(published, c.pointer)).toBeUndefined();
    // Walked with every $ref followed: a shared response is a $ref to components.
    const { pointer, node } = now.resolve(segments);
    expect(node).toBeDefined();
    if (c.body !== undefined) expect(now.errors(pointer, c.body)).toEqual([]);
  });

  it("A2, A3: every operation answers 401 with a typed body and 429 with both rate-limit headers", () => {
    const operations = Object.values<Record<string, any>>(corrected.paths).flatMap((item) =>
      ["get", "post", "put", "delete", "patch"].map((m) => item[m]).filter(Boolean),
    );
    expect(operations.length).toBeGreaterThanOrEqual(68);
    for (const operation of operations) {
      const resolve = (r: any) => (r?.$ref ? valueAt(corrected, r.$ref) : r) as Record<string, any>;
      const unauthorized = resolve(operation.responses["401"]);
      const limited = resolve(operation.responses["429"]);
      expect(unauthorized?.content, `${operation.operationId} 401`).toBeDefined();
      expect(Object.keys(limited?.headers ?? {}).sort(), `${operation.operationId} 429`).toEqual([
        "x-ratelimit-limit",
        "x-ratelimit-remaining",
      ]);
    }
  });

  it("A5: the signing scheme names the algorithm, the signed content, the key and the header format", () => {
    expect(corrected["x-webhook-signature"]).toMatchObject({
      algorithm: "HMAC-SHA256",
      signedContent: "{webhook-id}.{webhook-timestamp}.{raw body}",
      signatureHeader: "webhook-signature",
    });
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
    const additions = parse(read("specs/loops/additions.yaml")) as {
      corrections: { reason: string }[];
      sharedResponses: { reason: string }[];
    };
    const entries = [...additions.corrections, ...additions.sharedResponses];
    const ids = [...new Set(entries.map((c) => /^RESTORED\.md ([CA]\d+)/.exec(c.reason)?.[1]))];
    expect(ids).not.toContain(undefined);
    const restored = read("specs/loops/RESTORED.md");
    for (const id of ids) expect(restored, `RESTORED.md has no line for ${id}`).toMatch(new RegExp(`\\| ${id} \\|`));
    const tested = [...cases.map((c) => c.id), ...absent.map((c) => c.id), "C5"];
    expect([...new Set(tested)].sort()).toEqual([...ids].sort());
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
