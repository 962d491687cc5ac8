// Loops contract cases: one valid request per operation, plus requests the spec forbids.
// The @ts-expect-error lines show the generated types reject them too; the mock must reject them
// at run time as well.
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

export const cases = {
  testApiKey: { valid: (c, x) => c.GET("/api-key", { ...x }) },
  createContact: {
    valid: (c, x) => c.POST("/contacts/create", { body: { email, firstName: "Ada", plan: "pro" }, ...x }),
    invalid: {
      // @ts-expect-error `email` is required
      "without email": (c) => c.POST("/contacts/create", { body: { firstName: "Ada" } }),
      "a custom property that is an object": (c) =>
        // @ts-expect-error custom properties are scalars
        c.POST("/contacts/create", { body: { email, address: { city: "Oslo" } } }),
    },
  },
  updateContact: {
    valid: (c, x) => c.PUT("/contacts/update", { body: { email, lastName: "Lovelace" }, ...x }),
    invalid: {
      // @ts-expect-error `email` or `userId` is required
      "neither email nor userId": (c) => c.PUT("/contacts/update", { body: { firstName: "Ada" } }),
    },
  },
  findContact: { valid: (c, x) => c.GET("/contacts/find", { params: { query: { email } }, ...x }) },
  deleteContact: {
    valid: (c, x) => c.POST("/contacts/delete", { body: { userId: "user_123" }, ...x }),
    invalid: {
      "both email and userId": (c) =>
        c.POST("/contacts/delete", { body: { email, userId: "user_123" } as { email: string } }),
    },
  },
  getContactSuppression: { valid: (c, x) => c.GET("/contacts/suppression", { params: { query: { email } }, ...x }) },
  removeContactSuppression: {
    valid: (c, x) => c.DELETE("/contacts/suppression", { params: { query: { userId: "user_123" } }, ...x }),
  },
  createContactProperty: {
    valid: (c, x) => c.POST("/contacts/properties", { body: { name: "planName", type: "string" }, ...x }),
    invalid: {
      // @ts-expect-error `type` is required
      "without type": (c) => c.POST("/contacts/properties", { body: { name: "planName" } }),
    },
  },
  listContactProperties: {
    valid: (c, x) => c.GET("/contacts/properties", { params: { query: { list: "custom" } }, ...x }),
  },
  listDedicatedSendingIps: { valid: (c, x) => c.GET("/dedicated-sending-ips", { ...x }) },
  listMailingLists: { valid: (c, x) => c.GET("/lists", { ...x }) },
  sendEvent: {
    valid: (c, x) =>
      c.POST("/events/send", {
        params: { header: { "Idempotency-Key": "evt-2026-11-23-0001" } },
        body: { email, eventName: "conversion", eventProperties: { plan: "pro" } },
        ...x,
      }),
    invalid: {
      // @ts-expect-error `eventName` is required
      "without eventName": (c) => c.POST("/events/send", { body: { email } }),
      "an Idempotency-Key over 100 characters": (c) =>
        c.POST("/events/send", {
          params: { header: { "Idempotency-Key": "k".repeat(101) } },
          body: { email, eventName: "conversion" },
        }),
    },
  },
  sendTransactionalEmail: {
    valid: (c, x) =>
      c.POST("/transactional", {
        body: { transactionalId: "clfq6dinn000yl70fgwwyp82l", email, dataVariables: { name: "Ada" } },
        ...x,
      }),
    invalid: {
      // @ts-expect-error `transactionalId` is required
      "without transactionalId": (c) => c.POST("/transactional", { body: { email } }),
    },
  },
  listTransactionalEmails: { valid: (c, x) => c.GET("/transactional", { params: { query: { perPage: "20" } }, ...x }) },
  getTheme: { valid: (c, x) => c.GET("/themes/{themeId}", { params: { path: { themeId: "theme_1" } }, ...x }) },
  listThemes: { valid: (c, x) => c.GET("/themes", { ...x }) },
  getComponent: {
    valid: (c, x) => c.GET("/components/{componentId}", { params: { path: { componentId: "cmp_1" } }, ...x }),
  },
  listComponents: { valid: (c, x) => c.GET("/components", { ...x }) },
  listCampaigns: { valid: (c, x) => c.GET("/campaigns", { ...x }) },
  createCampaign: {
    valid: (c, x) => c.POST("/campaigns", { body: { name: "November newsletter" }, ...x }),
    invalid: {
      // @ts-expect-error `name` is required
      "without name": (c) => c.POST("/campaigns", { body: {} }),
    },
  },
  getCampaign: {
    valid: (c, x) => c.GET("/campaigns/{campaignId}", { params: { path: { campaignId: "cmp_9" } }, ...x }),
  },
  updateCampaign: {
    valid: (c, x) =>
      c.POST("/campaigns/{campaignId}", {
        params: { path: { campaignId: "cmp_9" } },
        body: { name: "December" },
        ...x,
      }),
  },
  getEmailMessage: {
    valid: (c, x) => c.GET("/email-messages/{emailMessageId}", { params: { path: { emailMessageId: "em_1" } }, ...x }),
  },
  updateEmailMessage: {
    valid: (c, x) =>
      c.POST("/email-messages/{emailMessageId}", {
        params: { path: { emailMessageId: "em_1" } },
        body: { expectedRevisionId: "rev_1", subject: "Hello" },
        ...x,
      }),
    invalid: {
      "an unknown field": (c) =>
        c.POST("/email-messages/{emailMessageId}", {
          params: { path: { emailMessageId: "em_1" } },
          body: { expectedRevisionId: "rev_1", subjectLine: "Hello" } as { expectedRevisionId: string },
        }),
    },
  },
} satisfies Record<OperationId, Case>;
