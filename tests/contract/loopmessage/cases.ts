// LoopMessage contract cases: one valid request per operation, plus requests the spec forbids.
// The @ts-expect-error lines show the generated types reject them too; the others are accepted by
// the types (a limit or pattern the type system cannot express) and only the mock rejects them.
// Every spec host (a.loopmessage.com, t.imsg.link) is mapped to the one Prism mock.
import { createLoopMessageClient, type LoopMessageClient } from "../../../src/clients/loopmessage.ts";
import { servers, type OperationId } from "../../../generated/loopmessage/operations.ts";
import type { ContractCase } from "../contract-runner.ts";

/** Real credentials, for the live contract tests (tests/live); the mock takes any key. */
export interface Credentials {
  apiKey: string;
}

// `baseUrl` undefined: every operation goes to its own spec host (live mode only).
export const client = (
  baseUrl: string | undefined,
  fetch?: typeof globalThis.fetch,
  credentials?: Credentials,
): LoopMessageClient =>
  createLoopMessageClient({
    apiKey: credentials?.apiKey ?? "test-loopmessage-key",
    servers: baseUrl === undefined ? {} : Object.fromEntries(servers.map((s) => [s, baseUrl])),
    fetch,
    // The harness forces 429/500 answers; retrying them would only slow the suite down.
    maxRetries: 0,
  });

type Case = ContractCase<LoopMessageClient>;

const contact = "+13231112233";
const sender = "7c9e2f4a-1b3d-4e5f-8a6b-0c1d2e3f4a5b";
const messageId = "59c55ce8-41d6-43cc-9116-8cfb2e696d7b";
const organizationId = "5b0f6c1e-8a2d-4c7e-9f31-2d6a7e4b9c10";
const poolId = "3e8a1c5d-6f7b-4a9c-b2d1-e4f5a6b7c8d9";
const planId = "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d";
const image = (n: number) => `https://cdn.example.com/images/${n}.png`;

const SEND = "/api/v1/message/send/";
const TYPING = "/api/v1/message/show-typing/";
const CAMPAIGN = "/api/v1/campaigns/new/";
const ORGANIZATION = "/api/v1/organizations/details/{id}/";
const SENDER = "/api/v1/sender/{id}/";
const POOL = "/api/v1/pool/{id}/";

export const cases = {
  sendMessage: {
    valid: (c, x) => c.POST(SEND, { body: { contact, text: "Your table for two is confirmed.", sender }, ...x }),
    invalid: {
      // The types cannot count items or check URL schemes: only the mock rejects these.
      // The send page allows 5 attachments (a campaign allows 3).
      "6 attachments": (c) =>
        c.POST(SEND, {
          body: { contact, text: "Photos", attachments: [1, 2, 3, 4, 5, 6].map(image) },
        }),
      "a non-https attachment": (c) =>
        c.POST(SEND, { body: { contact, text: "Photo", attachments: ["http://cdn.example.com/images/1.png"] } }),
      "a passthrough over 1000 characters": (c) =>
        c.POST(SEND, { body: { contact, text: "Hello", passthrough: "p".repeat(1001) } }),
      "media_url together with text": (c) =>
        // @ts-expect-error the send variants are exclusive: audio messages carry no text
        c.POST(SEND, { body: { contact, text: "Listen", media_url: "https://cdn.example.com/audio/welcome.m4a" } }),
      "an unknown reaction": (c) =>
        // @ts-expect-error `reaction` is an enum
        c.POST(SEND, { body: { message_id: messageId, reaction: "wow" } }),
      // @ts-expect-error `contact` or `group` is required
      "text without a recipient": (c) => c.POST(SEND, { body: { text: "Hello" } }),
      // @ts-expect-error a reaction names the conversation's contact
      "a reaction without contact": (c) => c.POST(SEND, { body: { message_id: messageId, reaction: "like" } }),
    },
  },
  showTyping: {
    valid: (c, x) => c.POST(TYPING, { body: { message_id: messageId, typing: 5, read: true }, ...x }),
    invalid: {
      // `typing` is a number to the types; the 60 s maximum is for the mock.
      "typing for 90 s": (c) => c.POST(TYPING, { body: { message_id: messageId, typing: 90 } }),
      // @ts-expect-error addressing by contact needs `sender` too
      "contact without sender": (c) => c.POST(TYPING, { body: { contact, typing: 5 } }),
    },
  },
  getMessageStatus: {
    valid: (c, x) => c.GET("/v1/message/status/{id}/", { params: { path: { id: messageId } }, ...x }),
  },
  createCampaign: {
    valid: (c, x) =>
      c.POST(CAMPAIGN, {
        body: {
          name: "Spring sale",
          text: "20% off everything today.",
          contacts: [contact, "+13232112233"],
          from_time: "10:00",
        },
        ...x,
      }),
    invalid: {
      "both text + contacts and messages": (c) =>
        c.POST(CAMPAIGN, {
          // @ts-expect-error a campaign is either text + contacts or messages, never both
          body: { name: "Mixed", text: "Hello", contacts: [contact], messages: [{ contact, text: "Hi" }] },
        }),
      // The campaign page allows 3 attachments, fewer than a single send (5).
      "4 attachments": (c) =>
        c.POST(CAMPAIGN, {
          body: { name: "Photos", text: "New arrivals", contacts: [contact], attachments: [1, 2, 3, 4].map(image) },
        }),
      // The types take any string; the HH:mm pattern is for the mock.
      "a from_time that is not HH:mm": (c) =>
        c.POST(CAMPAIGN, { body: { name: "Late", text: "Hello", contacts: [contact], from_time: "25:00" } }),
    },
  },
  generateOptInUrl: {
    valid: (c, x) =>
      c.GET("/tracker-api/v1/generate-url/{organization_id}/", {
        params: {
          path: { organization_id: organizationId },
          query: { params: { body: "hello world [opt-in-code]", param1: "abcd1234", param2: "google" } },
        },
        ...x,
      }),
    invalid: {
      "an unknown sender_type": (c) =>
        c.GET("/tracker-api/v1/generate-url/{organization_id}/", {
          // @ts-expect-error `sender_type` can only be `shared`
          params: { path: { organization_id: organizationId }, query: { params: { sender_type: "dedicated" } } },
        }),
    },
  },
  createOptInUrl: {
    valid: (c, x) =>
      c.POST("/api/v1/opt-in/generate-url/", {
        body: { body: "Hi, I would like order updates [opt-in-code]", utm_campaign: "spring-sale" },
        ...x,
      }),
    invalid: {
      // @ts-expect-error every tracking field is a string
      "a tracking field that is a number": (c) => c.POST("/api/v1/opt-in/generate-url/", { body: { click_id: 20931 } }),
      // The types take any string; the `[opt-in-code]` placeholder is for the mock.
      "a body without [opt-in-code]": (c) =>
        c.POST("/api/v1/opt-in/generate-url/", { body: { body: "Hi, I would like order updates" } }),
    },
  },
  listAudience: {
    valid: (c, x) =>
      c.GET("/api/v1/audience/list/", { params: { query: { page: 1, per_page: 50, search: "+1323" } }, ...x }),
    invalid: {
      // `per_page` is a number to the types; the 1000 maximum is for the mock.
      "per_page over 1000": (c) => c.GET("/api/v1/audience/list/", { params: { query: { per_page: 5000 } } }),
    },
  },
  checkAudienceStatus: {
    valid: (c, x) => c.GET("/api/v1/audience/check-status/{contact}/", { params: { path: { contact } }, ...x }),
  },
  unsubscribeContact: {
    valid: (c, x) => c.DELETE("/api/v1/audience/delete/{contact}/", { params: { path: { contact } }, ...x }),
  },
  listContactMessages: {
    valid: (c, x) =>
      c.GET("/api/v1/audience/messages/{contact}/", {
        params: { path: { contact }, query: { direction: "inbound", sort_by: "asc", from_date: "2025-01-01" } },
        ...x,
      }),
    invalid: {
      "an unknown direction": (c) =>
        c.GET("/api/v1/audience/messages/{contact}/", {
          // @ts-expect-error `direction` is inbound or outbound
          params: { path: { contact }, query: { direction: "sideways" } },
        }),
    },
  },
  listOptInHistory: {
    valid: (c, x) =>
      c.GET("/api/v1/audience/tracker/", {
        params: { query: { from_date: "2025-01-01", to_date: "2025-12-31" } },
        ...x,
      }),
    invalid: {
      // Dates are strings to the types; `format: date` is for the mock.
      "a from_date that is not a date": (c) =>
        c.GET("/api/v1/audience/tracker/", { params: { query: { from_date: "yesterday" } } }),
    },
  },
  listWebhookHistory: {
    valid: (c, x) => c.GET("/api/v1/webhooks/history/", { params: { query: { page: 2, per_page: 10 } }, ...x }),
    invalid: {
      // @ts-expect-error `sort_by` is asc or desc
      "an unknown sort_by": (c) => c.GET("/api/v1/webhooks/history/", { params: { query: { sort_by: "newest" } } }),
    },
  },
  listOrganizations: {
    valid: (c, x) =>
      c.GET("/api/v1/organizations/list/", { params: { query: { search: "acme", sort_by: "desc" } }, ...x }),
    invalid: {
      // `page` is a number to the types; the minimum of 1 is for the mock.
      "page 0": (c) => c.GET("/api/v1/organizations/list/", { params: { query: { page: 0 } } }),
    },
  },
  createOrganization: {
    valid: (c, x) =>
      c.POST("/api/v1/organizations/new/", {
        body: {
          name: "Acme Bistro",
          website: "https://bistro.example.com/",
          support_url: "https://bistro.example.com/contact/",
          country: "US",
        },
        ...x,
      }),
    invalid: {
      "without country": (c) =>
        c.POST("/api/v1/organizations/new/", {
          // @ts-expect-error `country` is required
          body: {
            name: "Acme Bistro",
            website: "https://bistro.example.com/",
            support_url: "https://bistro.example.com/contact/",
          },
        }),
    },
  },
  getOrganization: { valid: (c, x) => c.GET(ORGANIZATION, { params: { path: { id: organizationId } }, ...x }) },
  updateOrganization: {
    valid: (c, x) =>
      c.PATCH(ORGANIZATION, {
        params: { path: { id: organizationId } },
        body: { webhook_url: "https://api.bistro.example.com/hooks/" },
        ...x,
      }),
    invalid: {
      // The types allow `{}` (every field optional); `minProperties: 1` is for the mock.
      "an empty body": (c) => c.PATCH(ORGANIZATION, { params: { path: { id: organizationId } }, body: {} }),
      "a lowercase country code": (c) =>
        c.PATCH(ORGANIZATION, { params: { path: { id: organizationId } }, body: { country: "us" } }),
    },
  },
  deleteOrganization: { valid: (c, x) => c.DELETE(ORGANIZATION, { params: { path: { id: organizationId } }, ...x }) },
  listSenderPlans: { valid: (c, x) => c.GET("/api/v1/sender/plans/", { ...x }) },
  orderSenderNames: {
    valid: (c, x) =>
      c.POST("/api/v1/sender/new/", {
        body: {
          test: true,
          senders: [
            { plan_id: planId, phone_region: "US", zip_code: "10001" },
            { plan_id: planId, name: "hello", domain: "bistro.example.com" },
          ],
        },
        ...x,
      }),
    invalid: {
      // `senders` is an array to the types; `minItems: 1` is for the mock.
      "no senders": (c) => c.POST("/api/v1/sender/new/", { body: { senders: [] } }),
      "an email sender without domain": (c) =>
        // @ts-expect-error an email sender needs `name` and `domain`
        c.POST("/api/v1/sender/new/", { body: { senders: [{ plan_id: planId, name: "hello" }] } }),
      "a single order that also lists senders": (c) =>
        // @ts-expect-error an order is one sender at the top level or several under `senders`, never both
        c.POST("/api/v1/sender/new/", { body: { plan_id: planId, senders: [{ plan_id: planId }] } }),
      // The types take any string; the 5-digit ZIP code pattern is for the mock.
      "a ZIP code that is not 5 digits": (c) =>
        c.POST("/api/v1/sender/new/", { body: { plan_id: planId, zip_code: "1000" } }),
    },
  },
  listSenders: { valid: (c, x) => c.GET("/api/v1/sender/list/", { params: { query: { per_page: 100 } }, ...x }) },
  getSender: { valid: (c, x) => c.GET(SENDER, { params: { path: { id: sender } }, ...x }) },
  updateSender: {
    valid: (c, x) =>
      c.PATCH(SENDER, { params: { path: { id: sender } }, body: { organization_id: organizationId }, ...x }),
    invalid: {
      // @ts-expect-error `organization_id` is required
      "without organization_id": (c) => c.PATCH(SENDER, { params: { path: { id: sender } }, body: {} }),
    },
  },
  cancelSender: {
    valid: (c, x) => c.DELETE("/api/v1/sender/{id}/cancel/", { params: { path: { id: sender } }, ...x }),
  },
  listPools: { valid: (c, x) => c.GET("/api/v1/pool/list/", { params: { query: { page: 1 } }, ...x }) },
  createPool: {
    valid: (c, x) => c.POST("/api/v1/pool/new/", { body: { name: "East coast", ids: [sender] }, ...x }),
    invalid: {
      // @ts-expect-error `ids` is a list of sender name IDs
      "ids that is not a list": (c) => c.POST("/api/v1/pool/new/", { body: { name: "East coast", ids: sender } }),
    },
  },
  getPool: { valid: (c, x) => c.GET(POOL, { params: { path: { id: poolId } }, ...x }) },
  updatePool: {
    valid: (c, x) => c.PATCH(POOL, { params: { path: { id: poolId } }, body: { name: "East coast (all)" }, ...x }),
    invalid: {
      // @ts-expect-error `name` is a string
      "a name that is a number": (c) => c.PATCH(POOL, { params: { path: { id: poolId } }, body: { name: 42 } }),
    },
  },
  deletePool: { valid: (c, x) => c.DELETE(POOL, { params: { path: { id: poolId } }, ...x }) },
} satisfies Record<OperationId, Case>;
