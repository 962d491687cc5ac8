import createClient, { type Client } from "openapi-fetch";
import { defaultServer } from "../../generated/loops/operations.ts";
import type { paths } from "../../generated/loops/schema.ts";

export type { paths as LoopsPaths, components as LoopsComponents, operations as LoopsOperations } from "../../generated/loops/schema.ts";

export interface LoopsClientOptions {
  /** A Loops API key (Settings → API). Sent as `Authorization: Bearer …`. */
  apiKey: string;
  /** Defaults to the spec's server, https://app.loops.so/api/v1. */
  baseUrl?: string;
  fetch?: typeof globalThis.fetch;
}

export type LoopsClient = Client<paths>;

export function createLoopsClient(options: LoopsClientOptions): LoopsClient {
  if (typeof options?.apiKey !== "string" || options.apiKey.trim() === "") {
    throw new TypeError("createLoopsClient: `apiKey` is required (a non-blank Loops API key)");
  }
  const client = createClient<paths>({ baseUrl: options.baseUrl ?? defaultServer, fetch: options.fetch });
  const authorization = `Bearer ${options.apiKey}`;
  client.use({
    onRequest({ request }) {
      request.headers.set("Authorization", authorization);
      return request;
    },
  });
  return client;
}
