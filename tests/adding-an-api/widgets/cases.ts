// Contract cases of the Widgets API: every operation, valid and invalid.
import { createWidgetsClient } from "../../../src/clients/widgets.ts";
import type { ContractCase, Extras } from "../contract-runner.ts";

export const client = (baseUrl: string, fetch?: typeof globalThis.fetch) =>
  createWidgetsClient({ apiKey: "widgets-contract-key", baseUrl, ...(fetch && { fetch }) });
type Client = ReturnType<typeof client>;

export const cases: Record<string, ContractCase<Client>> = {
  listWidgets: { valid: (c, x: Extras) => c.GET("/widgets", { params: { query: { limit: 10 } }, ...x }) },
  createWidget: {
    valid: (c, x: Extras) => c.POST("/widgets", { body: { name: "Sprocket" }, ...x }),
    // @ts-expect-error `name` is required
    invalid: { "without a name": (c) => c.POST("/widgets", { body: {} }) },
  },
};
