// Requests that public LoopMessage client code really sends, replayed byte for byte (method, path,
// query, headers, JSON body) against the LoopMessage Prism mock, which validates them against the
// bundled spec. Each replay is either accepted, on the host the spec serves that operation from, or
// refused for a reason the vendor's current pages give, written next to it. A replay the mock
// judges differently from what is written here fails: either the spec or this table is wrong.
//
// Where each shape comes from (public repositories, read at the commit given):
//   caleb   calebnewtonusc/loopmessage-sdk @09a36976 (npm @loopmessagesdk/loopmessage-sdk): src/http.ts
//           sends `Content-Type: application/json` and the raw key in `Authorization`; bodies from
//           src/resources/*.ts and the calls shown in README.md / src/client.ts.
//   wkasel  Wkasel/loopmessages @0800008 (npm loopmessage-sdk 0.1.2): src/utils/LoopHttpClient.ts
//           (headers, https://server.loopmessage.com), src/constants.ts (paths), bodies from
//           src/services/LoopMessageService.ts and README.md.
//   pylm    pyloopmessage (PyPI), pyloopmessage/beta/client.py: the `BetaLoopMessageClient`.
//   pd-old  PipedreamHQ/pipedream @b0cae77f components/loopmessage/loopmessage.app.mjs,
//           actions/common/send-message.mjs, sources/common/webhook.mjs.
//   pd-new  PipedreamHQ/pipedream @06a12139 components/loopmessage/loopmessage.app.mjs and
//           actions/*: every call goes to `${BASE_URL}/api/v1/integrations/pipedream/…`. That
//           commit's common/constants.mjs is not in our copy, so its host is not asserted.
import { describe, expect, inject, it } from "vitest";
import { operations, servers } from "../../generated/loopmessage/operations.ts";

type Method = "GET" | "POST" | "PATCH" | "DELETE";

interface Replay {
  name: string;
  from: "caleb" | "wkasel" | "pylm" | "pd-old" | "pd-new";
  method: Method;
  /** Origin the client sends to; undefined when the client's source does not pin it. */
  origin?: string;
  /** Path and query, as the client builds them. */
  path: string;
  headers: Record<string, string>;
  body?: unknown;
  /** Accepted, or refused: why (from the vendor's pages), and the mock's status for it. */
  outcome: "accepted" | { refused: string; status: number; legacyHost?: true };
}

const KEY = "replay-api-key";
const current = { "Content-Type": "application/json", Authorization: KEY };
const legacy = { "Content-Type": "application/json", Authorization: KEY, "Loop-Secret-Key": "replay-secret" };
const A = "https://a.loopmessage.com";
const LEGACY = "https://server.loopmessage.com";
const contact = "+13231112233";
const messageId = "59c55ce8-41d6-43cc-9116-8cfb2e696d7b";

// Reasons, each from the vendor's pages (see specs/loopmessage/SOURCES.md).
const LEGACY_SEND =
  "the legacy API (server.loopmessage.com, Loop-Secret-Key, `recipient`, `sender_name`, `status_callback`) was replaced: the current send page takes `contact` and `sender` on a.loopmessage.com";
const LEGACY_STATUS = "the current status page serves /v1/message/status/{id}/ (no /api prefix)";
const NOT_PUBLISHED = "no current vendor page publishes this path";

const replays: Replay[] = [
  // caleb: every public method, with the arguments its README and doc comments show.
  {
    name: "send a text",
    from: "caleb",
    method: "POST",
    origin: A,
    path: "/api/v1/message/send/",
    headers: current,
    body: { contact, text: "hey" },
    outcome: "accepted",
  },
  {
    name: "send with an effect",
    from: "caleb",
    method: "POST",
    origin: A,
    path: "/api/v1/message/send/",
    headers: current,
    body: { contact, text: "boom", effect: "fireworks" },
    outcome: "accepted",
  },
  {
    name: "send with an attachment, replying",
    from: "caleb",
    method: "POST",
    origin: A,
    path: "/api/v1/message/send/",
    headers: current,
    body: { contact, text: "check this", attachments: ["https://example.com/img.jpg"], reply_to_id: messageId },
    outcome: "accepted",
  },
  {
    name: "send to a group",
    from: "caleb",
    method: "POST",
    origin: A,
    path: "/api/v1/message/send/",
    headers: current,
    body: { group: "group-uuid", text: "Hello everyone!" },
    outcome: "accepted",
  },
  {
    name: "send a voice message",
    from: "caleb",
    method: "POST",
    origin: A,
    path: "/api/v1/message/send/",
    headers: current,
    body: { contact, media_url: "https://example.com/audio.m4a" },
    outcome: "accepted",
  },
  {
    name: "react",
    from: "caleb",
    method: "POST",
    origin: A,
    path: "/api/v1/message/send/",
    headers: current,
    body: { contact, message_id: messageId, reaction: "love" },
    outcome: "accepted",
  },
  {
    name: "remove a reaction",
    from: "caleb",
    method: "POST",
    origin: A,
    path: "/api/v1/message/send/",
    headers: current,
    body: { contact, message_id: messageId, reaction: "-love" },
    outcome: "accepted",
  },
  {
    name: "typing by message",
    from: "caleb",
    method: "POST",
    origin: A,
    path: "/api/v1/message/show-typing/",
    headers: current,
    body: { message_id: messageId, typing: 5 },
    outcome: "accepted",
  },
  {
    name: "typing by contact, read",
    from: "caleb",
    method: "POST",
    origin: A,
    path: "/api/v1/message/show-typing/",
    headers: current,
    body: { contact, sender: "sender-id", typing: 3, read: true },
    outcome: "accepted",
  },
  {
    name: "mark read",
    from: "caleb",
    method: "POST",
    origin: A,
    path: "/api/v1/message/show-typing/",
    headers: current,
    body: { message_id: messageId, read: true },
    outcome: "accepted",
  },
  {
    name: "message status",
    from: "caleb",
    method: "GET",
    origin: A,
    path: `/v1/message/status/${messageId}/`,
    headers: current,
    outcome: "accepted",
  },
  {
    name: "audience page",
    from: "caleb",
    method: "GET",
    origin: A,
    path: "/api/v1/audience/list/?per_page=100",
    headers: current,
    outcome: "accepted",
  },
  {
    name: "audience, all pages",
    from: "caleb",
    method: "GET",
    origin: A,
    path: "/api/v1/audience/list/?per_page=100&page=2",
    headers: current,
    outcome: "accepted",
  },
  {
    name: "audience status (encoded +)",
    from: "caleb",
    method: "GET",
    origin: A,
    path: "/api/v1/audience/check-status/%2B13231112233/",
    headers: current,
    outcome: "accepted",
  },
  {
    name: "unsubscribe (no body, JSON content type)",
    from: "caleb",
    method: "DELETE",
    origin: A,
    path: "/api/v1/audience/delete/%2B13231112233/",
    headers: current,
    outcome: "accepted",
  },
  {
    name: "message history",
    from: "caleb",
    method: "GET",
    origin: A,
    path: "/api/v1/audience/messages/%2B13231112233/?per_page=50&direction=inbound",
    headers: current,
    outcome: "accepted",
  },
  {
    name: "campaign to a contact list",
    from: "caleb",
    method: "POST",
    origin: A,
    path: "/api/v1/campaigns/new/",
    headers: current,
    body: {
      name: "April drop",
      text: "new drop. check it.",
      contacts: [contact, "+13232223344"],
      timezone: "America/Los_Angeles",
    },
    outcome: "accepted",
  },
  {
    name: "campaign of individual messages",
    from: "caleb",
    method: "POST",
    origin: A,
    path: "/api/v1/campaigns/new/",
    headers: current,
    body: {
      name: "Personal outreach",
      messages: [
        { contact, text: "yo alex" },
        { contact: "+13232223344", text: "yo jordan" },
      ],
    },
    outcome: "accepted",
  },
  {
    name: "scheduled campaign",
    from: "caleb",
    method: "POST",
    origin: A,
    path: "/api/v1/campaigns/new/",
    headers: current,
    body: {
      name: "Weekend blast",
      text: "Weekend vibes",
      contacts: [contact],
      from_date: "2026-04-10",
      from_time: "09:00",
      to_time: "21:00",
      timezone: "America/Los_Angeles",
    },
    outcome: "accepted",
  },
  {
    name: "sender names",
    from: "caleb",
    method: "GET",
    origin: A,
    path: "/api/v1/sender/list/?per_page=100&page=1",
    headers: current,
    outcome: "accepted",
  },
  {
    name: "pools",
    from: "caleb",
    method: "GET",
    origin: A,
    path: "/api/v1/pool/list/",
    headers: current,
    outcome: "accepted",
  },
  {
    name: "opt-in links with a prefilled contact",
    from: "caleb",
    method: "POST",
    origin: A,
    path: "/api/v1/opt-in/generate-url/",
    headers: current,
    body: { body: "Hey! Reply with [opt-in-code] to subscribe.", contact, utm_campaign: "spring-launch" },
    outcome: "accepted",
  },

  // pylm: the beta client's requests.
  {
    name: "send with a subject",
    from: "pylm",
    method: "POST",
    origin: A,
    path: "/api/v1/message/send/",
    headers: current,
    body: { contact: "+1234567890", text: "Hello world", subject: "Important Message" },
    outcome: "accepted",
  },
  {
    name: "status",
    from: "pylm",
    method: "GET",
    origin: A,
    path: "/v1/message/status/test-message-id/",
    headers: current,
    outcome: "accepted",
  },
  {
    name: "opt-in links",
    from: "pylm",
    method: "POST",
    origin: A,
    path: "/api/v1/opt-in/generate-url/",
    headers: current,
    body: { body: "Subscribe to updates! [opt-in-code]", click_id: "abc123", utm_campaign: "summer_sale" },
    outcome: "accepted",
  },
  {
    name: "opt-in links, default text",
    from: "pylm",
    method: "POST",
    origin: A,
    path: "/api/v1/opt-in/generate-url/",
    headers: current,
    body: { body: "[opt-in-code]" },
    outcome: "accepted",
  },
  {
    name: "audio message with legacy field names",
    from: "pylm",
    method: "POST",
    origin: A,
    path: "/api/v1/message/send/",
    headers: current,
    body: {
      text: "Voice message",
      media_url: "https://example.com/audio.mp3",
      sender_name: "TestSender",
      audio_message: true,
      recipient: "+1234567890",
    },
    outcome: {
      refused: `${LEGACY_SEND}; an audio message is { contact | group, media_url, sender?, passthrough? }, with no text`,
      status: 400,
    },
  },

  // wkasel: written for the legacy API.
  {
    name: "send a text",
    from: "wkasel",
    method: "POST",
    origin: LEGACY,
    path: "/api/v1/message/send/",
    headers: legacy,
    body: { recipient: "+1234567890", text: "Hello", sender_name: "your.sender@imsg.co" },
    outcome: { refused: LEGACY_SEND, status: 400, legacyHost: true },
  },
  {
    name: "send an audio message",
    from: "wkasel",
    method: "POST",
    origin: LEGACY,
    path: "/api/v1/message/send/",
    headers: legacy,
    body: {
      recipient: "+1234567890",
      text: "Listen",
      media_url: "https://example.com/a.m4a",
      audio_message: true,
      sender_name: "your.sender@imsg.co",
    },
    outcome: { refused: LEGACY_SEND, status: 400, legacyHost: true },
  },
  {
    name: "react with `exclaim`",
    from: "wkasel",
    method: "POST",
    origin: LEGACY,
    path: "/api/v1/message/send/",
    headers: legacy,
    body: {
      recipient: "+1234567890",
      text: "!",
      message_id: messageId,
      reaction: "exclaim",
      sender_name: "your.sender@imsg.co",
    },
    outcome: {
      refused: `${LEGACY_SEND}; the documented tapbacks are love, like, dislike, laugh, emphasize, question (no exclaim)`,
      status: 400,
      legacyHost: true,
    },
  },
  {
    name: "message status",
    from: "wkasel",
    method: "GET",
    origin: LEGACY,
    path: `/api/v1/message/status/${messageId}/`,
    headers: legacy,
    outcome: { refused: LEGACY_STATUS, status: 404, legacyHost: true },
  },
  {
    name: "iMessage auth request",
    from: "wkasel",
    method: "POST",
    origin: LEGACY,
    path: "/api/v1/auth/initiate/",
    headers: { "Content-Type": "application/json", Authorization: KEY, "Auth-Secret-Key": "replay-auth-secret" },
    body: { passthrough: "session-1" },
    outcome: { refused: `${NOT_PUBLISHED} (the legacy iMessage auth API)`, status: 404, legacyHost: true },
  },

  // pd-old: the first Pipedream component, on the legacy API.
  {
    name: "send with a status callback",
    from: "pd-old",
    method: "POST",
    origin: LEGACY,
    path: "/api/v1/message/send/",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${KEY}`, "Loop-Secret-Key": "replay-secret" },
    body: {
      recipient: contact,
      text: "Hi",
      sender_name: "sender@imsg.co",
      status_callback: "https://hooks.example/lm",
      status_callback_header: "uuid-header",
    },
    outcome: { refused: `${LEGACY_SEND}; the key also goes without a Bearer prefix`, status: 400, legacyHost: true },
  },
  {
    name: "contact lookup",
    from: "pd-old",
    method: "POST",
    origin: "https://lookup.loopmessage.com",
    path: "/api/v1/contact/lookup/",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${KEY}`, "Loop-Secret-Key": "replay-secret" },
    body: { contact: "test@google.com" },
    outcome: { refused: `${NOT_PUBLISHED} (the legacy Lookup API)`, status: 404, legacyHost: true },
  },

  // pd-new: Pipedream's own integration endpoints.
  {
    name: "send",
    from: "pd-new",
    method: "POST",
    path: "/api/v1/integrations/pipedream/message/send/",
    headers: current,
    body: { contact, text: "Hi", reply_to_id: messageId, channel: "imessage" },
    outcome: {
      refused: `${NOT_PUBLISHED} (Pipedream's private integration endpoint; the public one is /api/v1/message/send/)`,
      status: 404,
    },
  },
  {
    name: "react",
    from: "pd-new",
    method: "POST",
    path: "/api/v1/integrations/pipedream/reaction/",
    headers: current,
    body: { contact, message_id: messageId, reaction: "love" },
    outcome: { refused: `${NOT_PUBLISHED} (reactions go through /api/v1/message/send/)`, status: 404 },
  },
  {
    name: "typing",
    from: "pd-new",
    method: "POST",
    path: "/api/v1/integrations/pipedream/typing/",
    headers: current,
    body: { message_id: messageId, typing: 3, read: true },
    outcome: { refused: `${NOT_PUBLISHED} (typing goes through /api/v1/message/show-typing/)`, status: 404 },
  },
  {
    name: "message status",
    from: "pd-new",
    method: "GET",
    path: `/api/v1/integrations/pipedream/message/status/${messageId}/`,
    headers: current,
    outcome: { refused: `${NOT_PUBLISHED} (${LEGACY_STATUS})`, status: 404 },
  },
];

/** The spec's server for `METHOD path`, matching path templates segment by segment. */
function specServer(method: Method, path: string): string | undefined {
  const segments = path.split("/");
  const op = operations.find((o) => {
    if (o.method !== method.toLowerCase()) return false;
    const template = o.path.split("/");
    return template.length === segments.length && template.every((t, i) => t.startsWith("{") || t === segments[i]);
  });
  return op?.server;
}

describe("LoopMessage: requests of public client code, replayed against the mock", () => {
  it.each(replays.map((r) => [`${r.from}: ${r.name}`, r] as const))("%s", async (_label, replay) => {
    const { pathname, search } = new URL(replay.path, "https://replay.invalid");
    const response = await fetch(`${inject("mockUrls").loopmessage}${pathname}${search}`, {
      method: replay.method,
      headers: replay.headers,
      ...(replay.body === undefined ? {} : { body: JSON.stringify(replay.body) }),
    });
    const violations = response.headers.get("sl-violations");
    const body = await response.text();

    if (replay.outcome === "accepted") {
      expect(violations, body).toBeNull();
      expect(response.status, body).toBe(200);
      expect(replay.origin, "sent to the host the spec serves this operation from").toBe(
        specServer(replay.method, pathname),
      );
      return;
    }
    const { status, legacyHost } = replay.outcome;
    expect(response.status, body).toBe(status);
    // 400: the request reached a documented operation and broke its schema; 404: no such operation.
    if (status === 404) expect(specServer(replay.method, pathname)).toBeUndefined();
    else expect(violations, "refused by request validation").not.toBeNull();
    if (legacyHost) expect(servers as readonly string[]).not.toContain(replay.origin);
  });

  it("replays every public client named above", () => {
    expect(new Set(replays.map((r) => r.from))).toEqual(new Set(["caleb", "wkasel", "pylm", "pd-old", "pd-new"]));
  });
});
