// Loops contract cases: one valid request per operation, plus requests the spec forbids.
// The @ts-expect-error lines show the generated types reject them too; the mock must reject them
// at run time as well. Values are made up (example.org addresses, invented IDs).
import { createLoopsClient, type LoopsClient } from "../../../src/clients/loops.ts";
import type { OperationId } from "../../../generated/loops/operations.ts";
import type { ContractCase } from "../contract-runner.ts";

/** Real credentials, for the live contract tests (tests/live); the mock takes any key. */
export interface Credentials {
  apiKey: string;
}

// `baseUrl` undefined: the spec's server (live mode only).
export const client = (
  baseUrl: string | undefined,
  fetch?: typeof globalThis.fetch,
  credentials?: Credentials,
): LoopsClient =>
  // The harness forces 5xx answers; retrying them would only slow the suite down.
  createLoopsClient({ apiKey: credentials?.apiKey ?? "test-loops-key", baseUrl, fetch, maxRetries: 0 });

type Case = ContractCase<LoopsClient>;
const email = "ada@example.org";
const page = { query: { perPage: "20" } };
const revision = { expectedRevisionId: "rev_1" };
const segment = (audienceSegmentId: string) => ({ path: { audienceSegmentId } });
const campaign = { path: { campaignId: "cmp_9" } };
const campaignGroup = { path: { campaignGroupId: "cgr_1" } };
const component = { path: { componentId: "cmpt_1" } };
const message = { path: { emailMessageId: "em_1" } };
const theme = { path: { themeId: "thm_1" } };
const transactional = { path: { transactionalId: "tx_1" } };
const transactionalGroup = { path: { transactionalGroupId: "tgr_1" } };
const workflow = { path: { workflowId: "wf_1" } };
const node = { path: { workflowId: "wf_1", nodeId: "node_1" } };
const planIsPro = { type: "property", key: "plan", operator: "equals", value: "pro" } as const;

export const cases = {
  testApiKey: { valid: (c, x) => c.GET("/v1/api-key", { ...x }) },

  getAudienceSegment: {
    valid: (c, x) => c.GET("/v1/audience-segments/{audienceSegmentId}", { params: segment("seg_1"), ...x }),
  },
  listAudienceSegments: { valid: (c, x) => c.GET("/v1/audience-segments", { params: page, ...x }) },
  createAudienceSegment: {
    valid: (c, x) =>
      c.POST("/v1/audience-segments", {
        body: { name: "Pro plan", filter: { match: "all", conditions: [planIsPro] } },
        ...x,
      }),
    invalid: {
      // @ts-expect-error `filter` is required
      "without filter": (c) => c.POST("/v1/audience-segments", { body: { name: "Pro plan" } }),
      "a filter with an unknown match": (c) =>
        c.POST("/v1/audience-segments", {
          // @ts-expect-error `match` is "all" or "any"
          body: { name: "Pro plan", filter: { match: "most", conditions: [planIsPro] } },
        }),
    },
  },

  listCampaigns: { valid: (c, x) => c.GET("/v1/campaigns", { params: page, ...x }) },
  createCampaign: {
    valid: (c, x) => c.POST("/v1/campaigns", { body: { name: "November newsletter" }, ...x }),
    invalid: {
      // @ts-expect-error `name` is required
      "without name": (c) => c.POST("/v1/campaigns", { body: {} }),
      // Closed by `additionalProperties: false`; TypeScript does not check excess keys here.
      "an unknown field": (c) => c.POST("/v1/campaigns", { body: { name: "November", subject: "Hi" } as never }),
    },
  },
  getCampaign: { valid: (c, x) => c.GET("/v1/campaigns/{campaignId}", { params: campaign, ...x }) },
  updateCampaign: {
    valid: (c, x) => c.POST("/v1/campaigns/{campaignId}", { params: campaign, body: { name: "December" }, ...x }),
    invalid: {
      "an unknown scheduling method": (c) =>
        // @ts-expect-error `method` is "now" or "schedule"
        c.POST("/v1/campaigns/{campaignId}", { params: campaign, body: { scheduling: { method: "later" } } }),
    },
  },

  listCampaignGroups: { valid: (c, x) => c.GET("/v1/campaign-groups", { params: page, ...x }) },
  createCampaignGroup: {
    valid: (c, x) => c.POST("/v1/campaign-groups", { body: { name: "Newsletters" }, ...x }),
    // @ts-expect-error `name` is required
    invalid: { "without name": (c) => c.POST("/v1/campaign-groups", { body: { description: "Monthly" } }) },
  },
  getCampaignGroup: {
    valid: (c, x) => c.GET("/v1/campaign-groups/{campaignGroupId}", { params: campaignGroup, ...x }),
  },
  updateCampaignGroup: {
    valid: (c, x) =>
      c.POST("/v1/campaign-groups/{campaignGroupId}", {
        params: campaignGroup,
        body: { description: "Monthly newsletters" },
        ...x,
      }),
    invalid: {
      "an unknown field": (c) =>
        c.POST("/v1/campaign-groups/{campaignGroupId}", { params: campaignGroup, body: { colour: "red" } as never }),
    },
  },

  listDedicatedSendingIps: { valid: (c, x) => c.GET("/v1/dedicated-sending-ips", { ...x }) },

  createContact: {
    // `null` empties a property (RESTORED.md A1): refused by the published schema.
    valid: (c, x) =>
      c.POST("/v1/contacts/create", { body: { email, firstName: "Ada", userGroup: null, plan: null }, ...x }),
    invalid: {
      // @ts-expect-error `email` is required (by an allOf member that lists only `required`)
      "without email": (c) => c.POST("/v1/contacts/create", { body: { firstName: "Ada" } }),
      // Custom properties are scalars: the client checks them against the spec's `additionalProperties`.
      "a custom property that is an object": (c) =>
        // @ts-expect-error an object is not a custom property's value
        c.POST("/v1/contacts/create", { body: { email, address: { city: "Oslo" } } }),
    },
  },
  updateContact: {
    // With `mailingLists`, which the published schema refused (RESTORED.md C1).
    valid: (c, x) =>
      c.PUT("/v1/contacts/update", { body: { email, lastName: "Lovelace", mailingLists: { list_1: true } }, ...x }),
    invalid: {
      // @ts-expect-error `email` or `userId` is required
      "neither email nor userId": (c) => c.PUT("/v1/contacts/update", { body: { firstName: "Ada" } }),
    },
  },
  findContact: { valid: (c, x) => c.GET("/v1/contacts/find", { params: { query: { email } }, ...x }) },
  deleteContact: {
    // By `userId` alone, which the published schema refused (RESTORED.md C4).
    valid: (c, x) => c.POST("/v1/contacts/delete", { body: { userId: "user_123" }, ...x }),
    invalid: {
      "both email and userId": (c) => c.POST("/v1/contacts/delete", { body: { email, userId: "user_123" } }),
      // @ts-expect-error `email` or `userId` is required
      "neither email nor userId": (c) => c.POST("/v1/contacts/delete", { body: {} }),
    },
  },
  getContactSuppression: {
    valid: (c, x) => c.GET("/v1/contacts/suppression", { params: { query: { email } }, ...x }),
  },
  removeContactSuppression: {
    valid: (c, x) => c.DELETE("/v1/contacts/suppression", { params: { query: { userId: "user_123" } }, ...x }),
  },
  createContactProperty: {
    valid: (c, x) => c.POST("/v1/contacts/properties", { body: { name: "planName", type: "string" }, ...x }),
    invalid: {
      // @ts-expect-error `type` is required
      "without type": (c) => c.POST("/v1/contacts/properties", { body: { name: "planName" } }),
      // @ts-expect-error `type` is one of string, number, boolean, date
      "an unknown type": (c) => c.POST("/v1/contacts/properties", { body: { name: "planName", type: "text" } }),
    },
  },
  listContactProperties: {
    valid: (c, x) => c.GET("/v1/contacts/properties", { params: { query: { list: "custom" } }, ...x }),
  },

  getComponent: { valid: (c, x) => c.GET("/v1/components/{componentId}", { params: component, ...x }) },
  updateComponent: {
    valid: (c, x) =>
      c.POST("/v1/components/{componentId}", {
        params: component,
        body: { lmx: "<Paragraph>Thanks for reading.</Paragraph>" },
        ...x,
      }),
  },
  listComponents: { valid: (c, x) => c.GET("/v1/components", { params: page, ...x }) },
  createComponent: {
    valid: (c, x) =>
      c.POST("/v1/components", { body: { name: "Footer", lmx: "<Paragraph>Thanks for reading.</Paragraph>" }, ...x }),
    // @ts-expect-error `lmx` is required
    invalid: { "without lmx": (c) => c.POST("/v1/components", { body: { name: "Footer" } }) },
  },

  getEmailMessage: { valid: (c, x) => c.GET("/v1/email-messages/{emailMessageId}", { params: message, ...x }) },
  updateEmailMessage: {
    valid: (c, x) =>
      c.POST("/v1/email-messages/{emailMessageId}", {
        params: message,
        body: { expectedRevisionId: "rev_1", subject: "Hello" },
        ...x,
      }),
    invalid: {
      "an unknown field": (c) =>
        c.POST("/v1/email-messages/{emailMessageId}", {
          params: message,
          body: { expectedRevisionId: "rev_1", subjectLine: "Hello" } as never,
        }),
      "an unknown email format": (c) =>
        // @ts-expect-error `emailFormat` is "styled" or "plain"
        c.POST("/v1/email-messages/{emailMessageId}", { params: message, body: { emailFormat: "html" } }),
    },
  },
  previewEmailMessage: {
    valid: (c, x) =>
      c.POST("/v1/email-messages/{emailMessageId}/preview", {
        params: message,
        body: { emails: [email], contactProperties: { firstName: "Ada" } },
        ...x,
      }),
    invalid: {
      "no addresses": (c) =>
        c.POST("/v1/email-messages/{emailMessageId}/preview", { params: message, body: { emails: [] } }),
    },
  },
  getEmailMessageGuardian: {
    valid: (c, x) => c.GET("/v1/email-messages/{emailMessageId}/guardian", { params: message, ...x }),
  },

  sendEvent: {
    valid: (c, x) =>
      c.POST("/v1/events/send", {
        params: { header: { "Idempotency-Key": "evt-2026-11-23-0001" } },
        // A contact property emptied with `null` at the top level (RESTORED.md A1).
        body: { email, eventName: "conversion", eventProperties: { plan: "pro" }, lastName: null },
        ...x,
      }),
    invalid: {
      // @ts-expect-error `eventName` is required
      "without eventName": (c) => c.POST("/v1/events/send", { body: { email } }),
      "an Idempotency-Key over 100 characters": (c) =>
        c.POST("/v1/events/send", {
          params: { header: { "Idempotency-Key": "k".repeat(101) } },
          body: { email, eventName: "conversion" },
        }),
    },
  },

  listEventPatterns: { valid: (c, x) => c.GET("/v1/event-patterns", { params: page, ...x }) },
  getEventPatternByName: {
    valid: (c, x) =>
      c.GET("/v1/event-patterns/by-name/{eventName}", { params: { path: { eventName: "conversion" } }, ...x }),
  },
  getEventPattern: {
    valid: (c, x) =>
      c.GET("/v1/event-patterns/{eventPatternId}", { params: { path: { eventPatternId: "evp_1" } }, ...x }),
  },

  listMailingLists: { valid: (c, x) => c.GET("/v1/lists", { ...x }) },

  getTheme: { valid: (c, x) => c.GET("/v1/themes/{themeId}", { params: theme, ...x }) },
  updateTheme: {
    valid: (c, x) => c.POST("/v1/themes/{themeId}", { params: theme, body: { name: "Night" }, ...x }),
  },
  listThemes: { valid: (c, x) => c.GET("/v1/themes", { params: page, ...x }) },
  createTheme: {
    valid: (c, x) => c.POST("/v1/themes", { body: { name: "Night", styles: { backgroundColor: "#101010" } }, ...x }),
    // @ts-expect-error `name` is required
    invalid: { "without name": (c) => c.POST("/v1/themes", { body: { styles: {} } }) },
  },

  sendTransactionalEmail: {
    valid: (c, x) =>
      c.POST("/v1/transactional", {
        body: { transactionalId: "clfq6dinn000yl70fgwwyp82l", email, dataVariables: { name: "Ada" } },
        ...x,
      }),
    invalid: {
      // @ts-expect-error `transactionalId` is required
      "without transactionalId": (c) => c.POST("/v1/transactional", { body: { email } }),
    },
  },
  listPublishedTransactionalEmails: { valid: (c, x) => c.GET("/v1/transactional", { params: page, ...x }) },
  listTransactionalEmails: { valid: (c, x) => c.GET("/v1/transactional-emails", { params: page, ...x }) },
  createTransactionalEmail: {
    valid: (c, x) => c.POST("/v1/transactional-emails", { body: { name: "Password reset" }, ...x }),
    invalid: {
      "an unknown field": (c) =>
        c.POST("/v1/transactional-emails", { body: { name: "Reset", subject: "Hi" } as never }),
    },
  },
  getTransactionalEmail: {
    valid: (c, x) => c.GET("/v1/transactional-emails/{transactionalId}", { params: transactional, ...x }),
  },
  updateTransactionalEmail: {
    valid: (c, x) =>
      c.POST("/v1/transactional-emails/{transactionalId}", {
        params: transactional,
        body: { name: "Password reset (2026)" },
        ...x,
      }),
  },
  ensureTransactionalDraft: {
    valid: (c, x) => c.POST("/v1/transactional-emails/{transactionalId}/draft", { params: transactional, ...x }),
  },
  publishTransactionalEmail: {
    valid: (c, x) => c.POST("/v1/transactional-emails/{transactionalId}/publish", { params: transactional, ...x }),
  },

  listTransactionalGroups: { valid: (c, x) => c.GET("/v1/transactional-groups", { params: page, ...x }) },
  createTransactionalGroup: {
    valid: (c, x) => c.POST("/v1/transactional-groups", { body: { name: "Account" }, ...x }),
    // @ts-expect-error `name` is required
    invalid: { "without name": (c) => c.POST("/v1/transactional-groups", { body: {} }) },
  },
  getTransactionalGroup: {
    valid: (c, x) => c.GET("/v1/transactional-groups/{transactionalGroupId}", { params: transactionalGroup, ...x }),
  },
  updateTransactionalGroup: {
    valid: (c, x) =>
      c.POST("/v1/transactional-groups/{transactionalGroupId}", {
        params: transactionalGroup,
        body: { name: "Account emails" },
        ...x,
      }),
  },

  createUpload: {
    valid: (c, x) => c.POST("/v1/uploads", { body: { contentType: "image/png", contentLength: 20480 }, ...x }),
    invalid: {
      "a size that is not a number": (c) =>
        // @ts-expect-error `contentLength` is an integer
        c.POST("/v1/uploads", { body: { contentType: "image/png", contentLength: "20 KB" } }),
    },
  },
  completeUpload: {
    valid: (c, x) =>
      c.POST("/v1/uploads/{emailAssetId}/complete", { params: { path: { emailAssetId: "ast_1" } }, ...x }),
  },

  listWorkflows: { valid: (c, x) => c.GET("/v1/workflows", { params: page, ...x }) },
  createWorkflow: {
    valid: (c, x) => c.POST("/v1/workflows", { body: { name: "Onboarding" }, ...x }),
    // @ts-expect-error `name` is required
    invalid: { "without name": (c) => c.POST("/v1/workflows", { body: { description: "New signups" } }) },
  },
  getWorkflow: { valid: (c, x) => c.GET("/v1/workflows/{workflowId}", { params: workflow, ...x }) },
  updateWorkflowProperties: {
    valid: (c, x) =>
      c.POST("/v1/workflows/{workflowId}", { params: workflow, body: { ...revision, name: "Onboarding v2" }, ...x }),
    invalid: {
      // @ts-expect-error `name` or `description` is required
      "neither name nor description": (c) => c.POST("/v1/workflows/{workflowId}", { params: workflow, body: revision }),
    },
  },
  changeWorkflowMailingList: {
    valid: (c, x) =>
      c.POST("/v1/workflows/{workflowId}/mailing-list", {
        params: workflow,
        body: { ...revision, mailingListId: null, dryRun: true },
        ...x,
      }),
    invalid: {
      "an unknown queued-contact policy": (c) =>
        c.POST("/v1/workflows/{workflowId}/mailing-list", {
          params: workflow,
          // @ts-expect-error `queuedContactPolicy` is "fail" or "discard"
          body: { ...revision, mailingListId: "list_1", queuedContactPolicy: "keep" },
        }),
    },
  },
  createWorkflowNode: {
    valid: (c, x) =>
      c.POST("/v1/workflows/{workflowId}/nodes", {
        params: workflow,
        body: { ...revision, insertMode: "after", nodeTypeName: "TimerAction", fromNodeId: "node_1" },
        ...x,
      }),
    invalid: {
      "between without toNodeId": (c) =>
        c.POST("/v1/workflows/{workflowId}/nodes", {
          params: workflow,
          // @ts-expect-error `between` needs both ends
          body: { ...revision, insertMode: "between", nodeTypeName: "TimerAction", fromNodeId: "node_1" },
        }),
    },
  },
  addWorkflowBranch: {
    valid: (c, x) =>
      c.POST("/v1/workflows/{workflowId}/nodes/{nodeId}/add-branch", { params: node, body: revision, ...x }),
  },
  getWorkflowNode: { valid: (c, x) => c.GET("/v1/workflows/{workflowId}/nodes/{nodeId}", { params: node, ...x }) },
  updateWorkflowNode: {
    valid: (c, x) =>
      c.POST("/v1/workflows/{workflowId}/nodes/{nodeId}", {
        params: node,
        body: { ...revision, payload: { amount: 2, unit: "d" } },
        ...x,
      }),
    invalid: {
      // @ts-expect-error `payload` is required
      "without payload": (c) => c.POST("/v1/workflows/{workflowId}/nodes/{nodeId}", { params: node, body: revision }),
    },
  },
  // The metrics operations are not in the published 1.21.6 (RESTORED.md A9).
  getCampaignMetrics: { valid: (c, x) => c.GET("/v1/campaigns/{campaignId}/metrics", { params: campaign, ...x }) },
  getTransactionalEmailMetrics: {
    valid: (c, x) => c.GET("/v1/transactional-emails/{transactionalId}/metrics", { params: transactional, ...x }),
  },
  getWorkflowNodeMetrics: {
    valid: (c, x) => c.GET("/v1/workflows/{workflowId}/nodes/{nodeId}/metrics", { params: node, ...x }),
  },
  deleteWorkflow: {
    // Not in the published 1.21.6 (RESTORED.md A4): the official SDK's deleteWorkflow.
    valid: (c, x) =>
      c.DELETE("/v1/workflows/{workflowId}", { params: workflow, body: { ...revision, confirmDelete: true }, ...x }),
    invalid: {
      "without expectedRevisionId": (c) =>
        // @ts-expect-error `expectedRevisionId` is required (null for a workflow without a revision)
        c.DELETE("/v1/workflows/{workflowId}", { params: workflow, body: { confirmDelete: true } }),
    },
  },
  deleteWorkflowNode: {
    valid: (c, x) =>
      c.DELETE("/v1/workflows/{workflowId}/nodes/{nodeId}", {
        params: node,
        body: { ...revision, dryRun: true },
        ...x,
      }),
    invalid: {
      "without expectedRevisionId": (c) =>
        // @ts-expect-error `expectedRevisionId` is required
        c.DELETE("/v1/workflows/{workflowId}/nodes/{nodeId}", { params: node, body: {} }),
    },
  },
  rerouteNodeConnection: {
    valid: (c, x) =>
      c.POST("/v1/workflows/{workflowId}/nodes/{nodeId}/reroute", {
        params: node,
        body: { ...revision, newTargetNodeId: "node_3" },
        ...x,
      }),
  },
  deleteWorkflowNodeRecursively: {
    valid: (c, x) =>
      c.DELETE("/v1/workflows/{workflowId}/nodes/{nodeId}/recursive", {
        params: node,
        body: { ...revision, queuedContactPolicy: "discard" },
        ...x,
      }),
  },
} satisfies Record<OperationId, Case>;
