// Every variant of the exclusive send union, through the typed client against the mock: accepted
// without violations, matching exactly one variant of the spec's oneOf, and answered with a body
// that matches the spec.
import { describe, expect, inject, it } from "vitest";
import type { SendMessageRequest } from "../../../src/clients/loopmessage.ts";
import { apiByName, readBundledSpec } from "../../support/generated-specs.ts";
import { SpecValidator } from "../../support/spec-validator.ts";
import { client } from "./cases.ts";

const SEND = "/api/v1/message/send/";
const spec = readBundledSpec(apiByName("loopmessage"));
const validator = new SpecValidator(spec);
const variantRefs: string[] = spec.components.schemas.SendMessageRequest.oneOf.map((s: { $ref: string }) =>
  s.$ref.slice(1),
);

const contact = "+13231112233";
const group = "4d1c2b3a-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
const audio = "https://cdn.example.com/audio/welcome.m4a";

const variants: [name: string, schema: string, body: SendMessageRequest][] = [
  [
    "text to a contact",
    "SendTextMessage",
    { contact, text: "Your table is ready.", effect: "gentle", passthrough: "booking=1" },
  ],
  [
    "text to a group",
    "SendGroupMessage",
    // Five attachments: the most the send page allows.
    {
      group,
      text: "Practice moves to 6 pm.",
      attachments: [1, 2, 3, 4, 5].map((n) => `https://cdn.example.com/maps/${n}.png`),
    },
  ],
  ["audio to a contact", "SendAudioMessage", { contact, media_url: audio }],
  ["audio to a group", "SendGroupAudioMessage", { group, media_url: audio }],
  ["a reaction", "SendReaction", { contact, message_id: "59c55ce8-41d6-43cc-9116-8cfb2e696d7b", reaction: "like" }],
  [
    "a reaction removal",
    "SendReaction",
    { message_id: "59c55ce8-41d6-43cc-9116-8cfb2e696d7b", reaction: "-like", contact },
  ],
];

describe("loopmessage sendMessage variants", () => {
  it("covers every variant of the union", () => {
    expect(new Set(variants.map(([, schema]) => `/components/schemas/${schema}`))).toEqual(new Set(variantRefs));
  });

  it.each(variants)("sends %s", async (_name, schema, body) => {
    const matching = variantRefs.filter((ref) => validator.errors(ref, body).length === 0);
    expect(matching, "the body matches exactly its own variant").toEqual([`/components/schemas/${schema}`]);

    const { data, error, response } = await client(inject("mockUrls").loopmessage!).POST(SEND, { body });
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(error, JSON.stringify(error)).toBeUndefined();
    expect(response.status).toBe(200);
    expect(validator.errors(validator.responseSchemaPointer(SEND, "post", "200")!, data)).toEqual([]);
    expect(typeof data?.message_id).toBe("string");
  });
});
