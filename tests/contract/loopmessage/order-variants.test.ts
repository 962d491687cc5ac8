// Every shape of a sender name order (one sender at the top level, or several under `senders`),
// through the typed client against the mock: accepted without violations, matching exactly one
// variant of the spec's oneOf, and answered with a body that matches the spec.
import { describe, expect, inject, it } from "vitest";
import type { LoopMessageComponents } from "../../../src/clients/loopmessage.ts";
import { apiByName, readBundledSpec } from "../../support/generated-specs.ts";
import { SpecValidator } from "../../support/spec-validator.ts";
import { client } from "./cases.ts";

type OrderSenderNamesRequest = LoopMessageComponents["schemas"]["OrderSenderNamesRequest"];

const ORDER = "/api/v1/sender/new/";
const spec = readBundledSpec(apiByName("loopmessage"));
const validator = new SpecValidator(spec);
const variantRefs: string[] = spec.components.schemas.OrderSenderNamesRequest.oneOf.map((s: { $ref: string }) =>
  s.$ref.slice(1),
);

const plan_id = "9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d";

const variants: [name: string, schema: string, body: OrderSenderNamesRequest][] = [
  [
    "a bulk order",
    "BulkSenderOrder",
    {
      senders: [
        { plan_id, phone_region: "GB" },
        { plan_id, name: "hello", domain: "bistro.example.com" },
      ],
    },
  ],
  ["one phone sender", "SinglePhoneSenderOrder", { plan_id, zip_code: "90210", sms_and_call: true, test: true }],
  ["one email sender", "SingleEmailSenderOrder", { plan_id, name: "hello", domain: "bistro.example.com" }],
];

describe("loopmessage orderSenderNames variants", () => {
  it("covers every variant of the union", () => {
    expect(new Set(variants.map(([, schema]) => `/components/schemas/${schema}`))).toEqual(new Set(variantRefs));
  });

  it.each(variants)("orders %s", async (_name, schema, body) => {
    const matching = variantRefs.filter((ref) => validator.errors(ref, body).length === 0);
    expect(matching, "the body matches exactly its own variant").toEqual([`/components/schemas/${schema}`]);

    const { data, error, response } = await client(inject("mockUrls").loopmessage!).POST(ORDER, { body });
    expect(response.headers.get("sl-violations")).toBeNull();
    expect(error, JSON.stringify(error)).toBeUndefined();
    expect(response.status).toBe(200);
    expect(validator.errors(validator.responseSchemaPointer(ORDER, "post", "200")!, data)).toEqual([]);
  });
});
