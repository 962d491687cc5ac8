// Compatibility with Loops' own SDK (the `loops` npm package, pinned): every SDK method that maps to
// an operation of our spec sends its request to the Loops mock (Prism, built from the same bundled
// spec as the contract tests) and must be accepted: no request violation (`sl-violations`), a 2xx,
// and the SDK returns. A request the official SDK sends and our spec refuses means our spec is
// wrong (or narrower than the API), so this guards the corrections in specs/loops/additions.yaml.
// The SDK has a fixed API root; the test points it at the mock by wrapping globalThis.fetch.
import { LoopsClient } from "loops";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { operations } from "../../../generated/loops/operations.ts";
import { apiByName, readBundledSpec } from "../../support/generated-specs.ts";
import { answerProblems, specOperations } from "../../support/spec-operations.ts";
import { SpecValidator } from "../../support/spec-validator.ts";

const spec = readBundledSpec(apiByName("loops"));
const validator = new SpecValidator(spec);

const SDK_ROOT = "https://app.loops.so/api/";
const revision = { expectedRevisionId: "rev_1" };
const email = "ada@example.org";
const planIsPro = { type: "property", key: "plan", operator: "equals", value: "pro" } as const;

type Call = (sdk: LoopsClient) => Promise<unknown>;

/** SDK method → the operationId its request must reach, and a call with valid arguments. */
const mapped: Record<string, [operationId: string, call: Call]> = {
  testApiKey: ["testApiKey", (s) => s.testApiKey()],
  createContact: [
    "createContact",
    // `null` empties a property; the SDK types properties `string | number | boolean | null` (A1).
    (s) =>
      s.createContact({
        email,
        properties: { firstName: "Ada", lastName: null, plan: null },
        mailingLists: { list_1: true },
      }),
  ],
  updateContact: [
    "updateContact",
    (s) => s.updateContact({ userId: "user_1", properties: { lastName: null }, mailingLists: { list_1: false } }),
  ],
  findContact: ["findContact", (s) => s.findContact({ email })],
  deleteContact: ["deleteContact", (s) => s.deleteContact({ email })],
  checkContactSuppression: ["getContactSuppression", (s) => s.checkContactSuppression({ userId: "user_1" })],
  removeContactSuppression: ["removeContactSuppression", (s) => s.removeContactSuppression({ email })],
  createContactProperty: ["createContactProperty", (s) => s.createContactProperty("planName", "string")],
  listContactProperties: ["listContactProperties", (s) => s.listContactProperties("custom")],
  listMailingLists: ["listMailingLists", (s) => s.listMailingLists()],
  sendEvent: [
    "sendEvent",
    (s) =>
      s.sendEvent({
        email,
        eventName: "conversion",
        eventProperties: { plan: "pro" },
        contactProperties: { firstName: "Ada" },
        headers: { "Idempotency-Key": "sdk-event-1" },
      }),
  ],
  sendTransactionalEmail: [
    "sendTransactionalEmail",
    (s) =>
      s.sendTransactionalEmail({
        transactionalId: "tx_1",
        email,
        addToAudience: true,
        dataVariables: { name: "Ada" },
        headers: { "Idempotency-Key": "sdk-tx-1" },
      }),
  ],
  listTransactionalEmails: ["listTransactionalEmails", (s) => s.listTransactionalEmails({ perPage: 20 })],
  getTransactionalEmail: ["getTransactionalEmail", (s) => s.getTransactionalEmail("tx_1")],
  createTransactionalEmail: ["createTransactionalEmail", (s) => s.createTransactionalEmail({ name: "Reset" })],
  updateTransactionalEmail: [
    "updateTransactionalEmail",
    (s) => s.updateTransactionalEmail("tx_1", { name: "Password reset" }),
  ],
  ensureTransactionalEmailDraft: ["ensureTransactionalDraft", (s) => s.ensureTransactionalEmailDraft("tx_1")],
  publishTransactionalEmail: ["publishTransactionalEmail", (s) => s.publishTransactionalEmail("tx_1")],
  listDedicatedSendingIps: ["listDedicatedSendingIps", (s) => s.listDedicatedSendingIps()],
  listAudienceSegments: ["listAudienceSegments", (s) => s.listAudienceSegments({ perPage: 10, cursor: "c1" })],
  getAudienceSegment: ["getAudienceSegment", (s) => s.getAudienceSegment("seg_1")],
  createAudienceSegment: [
    "createAudienceSegment",
    (s) => s.createAudienceSegment({ name: "Pro plan", filter: { match: "all", conditions: [planIsPro] } }),
  ],
  listThemes: ["listThemes", (s) => s.listThemes()],
  getTheme: ["getTheme", (s) => s.getTheme("thm_1")],
  createTheme: ["createTheme", (s) => s.createTheme({ name: "Night", styles: { backgroundColor: "#101010" } })],
  updateTheme: ["updateTheme", (s) => s.updateTheme("thm_1", { name: "Night 2" })],
  listComponents: ["listComponents", (s) => s.listComponents()],
  getComponent: ["getComponent", (s) => s.getComponent("cmpt_1")],
  createComponent: ["createComponent", (s) => s.createComponent({ name: "Footer", lmx: "<Paragraph>Bye</Paragraph>" })],
  updateComponent: ["updateComponent", (s) => s.updateComponent("cmpt_1", { name: "Footer 2" })],
  listCampaigns: ["listCampaigns", (s) => s.listCampaigns({ perPage: 50 })],
  createCampaign: [
    "createCampaign",
    (s) => s.createCampaign({ name: "November", mailingListId: "list_1", scheduling: { method: "now" } }),
  ],
  getCampaign: ["getCampaign", (s) => s.getCampaign("cmp_1")],
  updateCampaign: ["updateCampaign", (s) => s.updateCampaign("cmp_1", { name: "December", audienceSegmentId: null })],
  getEmailMessage: ["getEmailMessage", (s) => s.getEmailMessage("em_1")],
  // Without expectedRevisionId: the SDK makes it optional, and so does the published spec.
  updateEmailMessage: ["updateEmailMessage", (s) => s.updateEmailMessage("em_1", { subject: "Hello" })],
  sendEmailMessagePreview: [
    "previewEmailMessage",
    (s) => s.sendEmailMessagePreview("em_1", { emails: [email], contactProperties: { firstName: "Ada" } }),
  ],
  runEmailMessageGuardian: ["getEmailMessageGuardian", (s) => s.runEmailMessageGuardian("em_1")],
  listEventPatterns: ["listEventPatterns", (s) => s.listEventPatterns()],
  getEventPattern: ["getEventPattern", (s) => s.getEventPattern("evp_1")],
  getEventPatternByName: ["getEventPatternByName", (s) => s.getEventPatternByName("Payment Received")],
  listWorkflows: ["listWorkflows", (s) => s.listWorkflows()],
  createWorkflow: ["createWorkflow", (s) => s.createWorkflow({ name: "Onboarding" })],
  getWorkflow: ["getWorkflow", (s) => s.getWorkflow("wf_1")],
  updateWorkflow: ["updateWorkflowProperties", (s) => s.updateWorkflow("wf_1", { ...revision, name: "Onboarding 2" })],
  changeWorkflowMailingList: [
    "changeWorkflowMailingList",
    (s) => s.changeWorkflowMailingList("wf_1", { ...revision, mailingListId: null, dryRun: true }),
  ],
  createWorkflowNode: [
    "createWorkflowNode",
    (s) =>
      s.createWorkflowNode("wf_1", {
        ...revision,
        insertMode: "between",
        nodeTypeName: "TimerAction",
        fromNodeId: "n1",
        toNodeId: "n2",
      }),
  ],
  getWorkflowNode: ["getWorkflowNode", (s) => s.getWorkflowNode("wf_1", "n1")],
  updateWorkflowNode: [
    "updateWorkflowNode",
    (s) => s.updateWorkflowNode("wf_1", "n1", { ...revision, payload: { amount: 3, unit: "h" } }),
  ],
  // Not in the published 1.21.6 (RESTORED.md A4).
  deleteWorkflow: [
    "deleteWorkflow",
    (s) => s.deleteWorkflow("wf_1", { expectedRevisionId: null, confirmDelete: true }),
  ],
  deleteWorkflowNode: [
    "deleteWorkflowNode",
    (s) => s.deleteWorkflowNode("wf_1", "n1", { ...revision, queuedContactPolicy: "discard" }),
  ],
  addWorkflowBranch: ["addWorkflowBranch", (s) => s.addWorkflowBranch("wf_1", "n1", revision)],
  rerouteWorkflowNode: [
    "rerouteNodeConnection",
    (s) => s.rerouteWorkflowNode("wf_1", "n1", { ...revision, newTargetNodeId: "n3" }),
  ],
  deleteWorkflowNodesRecursive: [
    "deleteWorkflowNodeRecursively",
    (s) => s.deleteWorkflowNodesRecursive("wf_1", "n1", { ...revision, dryRun: true }),
  ],
  listCampaignGroups: ["listCampaignGroups", (s) => s.listCampaignGroups()],
  createCampaignGroup: ["createCampaignGroup", (s) => s.createCampaignGroup({ name: "Newsletters" })],
  getCampaignGroup: ["getCampaignGroup", (s) => s.getCampaignGroup("cgr_1")],
  updateCampaignGroup: ["updateCampaignGroup", (s) => s.updateCampaignGroup("cgr_1", { description: "Monthly" })],
  listTransactionalGroups: ["listTransactionalGroups", (s) => s.listTransactionalGroups()],
  createTransactionalGroup: ["createTransactionalGroup", (s) => s.createTransactionalGroup({ name: "Account" })],
  getTransactionalGroup: ["getTransactionalGroup", (s) => s.getTransactionalGroup("tgr_1")],
  updateTransactionalGroup: ["updateTransactionalGroup", (s) => s.updateTransactionalGroup("tgr_1", { name: "Acct" })],
  createUpload: ["createUpload", (s) => s.createUpload({ contentType: "image/png", contentLength: 20480 })],
  completeUpload: ["completeUpload", (s) => s.completeUpload("ast_1")],
};

/** SDK methods with no operation in our spec, and why (none since RESTORED.md A4 added deleteWorkflow). */
const unmapped: Record<string, { method: string; path: string; reason: string }> = {};

/** SDK methods whose operation answers 204: the SDK returns undefined, and that is its result. */
const noContent = new Set(["deleteWorkflow"]);

interface Sent {
  method: string;
  path: string;
  status: number;
  violations: string | null;
  /** The answer's JSON body, or undefined when it has none. */
  body: unknown;
}

const sent: Sent[] = [];
const realFetch = globalThis.fetch;

beforeAll(() => {
  const mock = inject("mockUrls").loops!;
  globalThis.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.startsWith(SDK_ROOT)) throw new Error(`the SDK sent a request outside its API root: ${url}`);
    const target = new URL(url.slice(SDK_ROOT.length), `${mock}/`);
    const response = await realFetch(target, init);
    const text = await response.clone().text();
    sent.push({
      body: text === "" ? undefined : JSON.parse(text),
      method: (init?.method ?? "GET").toLowerCase(),
      path: decodeURIComponent(target.pathname),
      status: response.status,
      violations: response.headers.get("sl-violations"),
    });
    return response;
  };
});
afterAll(() => {
  globalThis.fetch = realFetch;
});

const pattern = (path: string) => new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
const operationOf = (request: Sent) =>
  operations.find((op) => op.method === request.method && pattern(op.path).test(request.path))?.operationId;

describe("official Loops SDK against the Loops mock", () => {
  it("every public SDK method is either mapped to an operation or listed with the reason it cannot be", () => {
    const methods = Object.getOwnPropertyNames(LoopsClient.prototype).filter(
      (name) => name !== "constructor" && !name.startsWith("_"),
    );
    expect(methods.length).toBeGreaterThan(60);
    expect(methods.filter((m) => !(m in mapped) && !(m in unmapped))).toEqual([]);
    // Every method runs against the mock: none is left unmapped (7.3.0 has 64).
    expect(Object.keys(mapped).sort()).toEqual([...methods].sort());
    expect([...Object.keys(mapped), ...Object.keys(unmapped)].filter((m) => !methods.includes(m))).toEqual([]);
  });

  for (const [name, { method, path, reason }] of Object.entries(unmapped)) {
    it(`${name}: not run, ${reason}`, () => {
      expect(operations.some((op) => op.method === method && op.path === path)).toBe(false);
    });
  }

  for (const [name, [operationId, call]] of Object.entries(mapped)) {
    it(`${name} → ${operationId}: accepted, no request violation`, async () => {
      const before = sent.length;
      const result = await call(new LoopsClient("sdk-test-key"));
      const requests = sent.slice(before);
      expect(requests).toHaveLength(1);
      const [request] = requests as [Sent];
      expect(operationOf(request), `${request.method.toUpperCase()} ${request.path}`).toBe(operationId);
      expect(request.violations).toBeNull();
      expect(request.status).toBeGreaterThanOrEqual(200);
      expect(request.status).toBeLessThan(300);
      // Response side: what the SDK was given is what our spec says this operation answers.
      const op = specOperations(spec).find((o) => o.operationId === operationId)!;
      expect(answerProblems(validator, op, request.status, request.body)).toEqual([]);
      if (noContent.has(name)) expect(request.status).toBe(204);
      else expect(result).toBeDefined();
    });
  }
});
