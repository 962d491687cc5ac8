/**
 * LoopMessage client: the shared runtime's openapi-fetch client over the generated `paths`, with
 * the raw API key in `Authorization` (no `Bearer`) and every request sent to its operation's host.
 *
 * Each operation's host comes from the generated operations table (`https://a.loopmessage.com` for
 * most, `https://t.imsg.link` for the opt-in tracker) and is picked before the request is built.
 * `servers` maps any of those spec hosts to another URL (a proxy, a mock).
 *
 * Webhooks live in `loopmessage-webhooks.ts`, so an app that only calls the API does not bundle them.
 */
import { headerAuth } from "../runtime/auth.ts";
import { checkBaseUrl } from "../runtime/base-url.ts";
import { createApiClient, type ApiClient, type ClientOptions } from "../runtime/create-client.ts";
import { APIError } from "../runtime/errors.ts";
import {
  defaultServer,
  keyedOperations,
  type RequestBodyExtras,
  serverOverrides,
  servers,
  unsecuredOperations,
} from "../../generated/loopmessage/operations.ts";
import type { components, paths } from "../../generated/loopmessage/schema.ts";

export type {
  paths as LoopMessagePaths,
  components as LoopMessageComponents,
  operations as LoopMessageOperations,
  webhooks as LoopMessageWebhooks,
} from "../../generated/loopmessage/schema.ts";
export type { OperationId as LoopMessageOperationId } from "../../generated/loopmessage/operations.ts";
export { loopMessagePages, type LoopMessagePageOptions } from "./loopmessage-pagination.ts";

type Schemas = components["schemas"];
/** Exactly one kind of message: text or audio, to a contact or a group, or a reaction. */
export type SendMessageRequest = Schemas["SendMessageRequest"];
export type SendTextMessage = Schemas["SendTextMessage"];
export type SendGroupMessage = Schemas["SendGroupMessage"];
export type SendAudioMessage = Schemas["SendAudioMessage"];
export type SendGroupAudioMessage = Schemas["SendGroupAudioMessage"];
export type SendReaction = Schemas["SendReaction"];
export type SendMessageResponse = Schemas["SendMessageResponse"];
export type ShowTypingRequest = Schemas["ShowTypingRequest"];
export type MessageStatus = Schemas["MessageStatus"];
export type CreateCampaignRequest = Schemas["CreateCampaignRequest"];
export type LoopMessageError = Schemas["Error"];
/** The three error bodies: most operations', the send endpoint's (`code` may be absent), the status endpoint's (`error_code`). */
export type LoopMessageErrorBody = Schemas["Error"] | Schemas["SendMessageError"] | Schemas["MessageStatusError"];
/** An error code LoopMessage documents (the spec's `KnownErrorCode`); answers may carry other numbers too. */
export type LoopMessageErrorCode = Schemas["KnownErrorCode"];
/** An `APIError` whose body is one of LoopMessage's error bodies. */
export type LoopMessageAPIError = APIError<LoopMessageErrorBody>;

/**
 * The numeric error code of a LoopMessage failure (`code`, or `error_code` from the status
 * endpoint), which is what LoopMessage asks integrations to branch on; undefined when `error` is not
 * an `APIError` or its body has no numeric code (the send endpoint's 400 and 402 may have none).
 */
export function loopMessageErrorCode(error: unknown): LoopMessageErrorCode | (number & {}) | undefined {
  const body = error instanceof APIError ? (error.error as { code?: unknown; error_code?: unknown } | null) : undefined;
  const code = body?.code ?? body?.error_code;
  return typeof code === "number" ? (code as LoopMessageErrorCode) : undefined;
}
/** Any known webhook payload, discriminated by `event`. */
export type LoopMessageWebhookEvent = Schemas["WebhookEvent"];
export type LoopMessageWebhookEventName = LoopMessageWebhookEvent["event"];

/** The hosts the spec names: its top-level server and any path-level ones. */
export type LoopMessageServer = (typeof servers)[number];
/** Every host the spec names, e.g. to point them all at one proxy or mock with `servers`. */
export const loopMessageServers: readonly LoopMessageServer[] = servers;

export interface LoopMessageClientOptions extends ClientOptions {
  /** A LoopMessage API key, sent as is in the `Authorization` header. */
  apiKey: string;
  /**
   * Override a spec host, keyed by the spec's server URL, e.g.
   * `{ 'https://a.loopmessage.com': 'https://proxy.example/lm' }`. Unlisted hosts are used as is.
   */
  servers?: Partial<Record<LoopMessageServer, string>>;
}

export type LoopMessageClient = ApiClient<paths, RequestBodyExtras>;

export function createLoopMessageClient(options: LoopMessageClientOptions): LoopMessageClient {
  const { apiKey, servers: targets, ...rest } = options ?? ({} as LoopMessageClientOptions);
  const name = "createLoopMessageClient";
  // A missing or blank key throws MissingCredentialError (a TypeError) naming the option, never its value.
  const auth = headerAuth("Authorization", apiKey, `${name}: \`apiKey\``);
  // Each spec host → where its requests go: itself, unless `servers` points it elsewhere.
  const hosts = new Map<string, string>(servers.map((s) => [s, s]));
  for (const [server, target] of Object.entries(targets ?? {})) {
    if (!hosts.has(server))
      throw new TypeError(
        `${name}: unknown server ${JSON.stringify(server)} in \`servers\` (the spec's: ${servers.join(", ")}).`,
      );
    hosts.set(server, checkBaseUrl(target, `${name}: \`servers\` for ${server}`, rest.allowInsecureHttp));
  }
  return createApiClient<paths, RequestBodyExtras>(
    {
      ...rest,
      // The free-form opt-in `params` object is `style: form, explode: true` (plain name=value pairs);
      // openapi-fetch's default for object values is deepObject (`params[name]=value`). After the
      // spread, so that `querySerializer: undefined` keeps it too.
      querySerializer: rest.querySerializer ?? { object: { style: "form", explode: true } },
    },
    {
      name,
      baseUrl: hosts.get(defaultServer)!,
      auth,
      keyed: keyedOperations,
      unsecured: unsecuredOperations,
      responseSchemas: { api: "loopmessage", load: () => import("../../generated/loopmessage/operation-schemas.ts") },
      // `METHOD /path/template` → the host of its spec server (the generated serverOverrides).
      baseUrls: Object.fromEntries(Object.entries(serverOverrides).map(([op, server]) => [op, hosts.get(server)!])),
    },
  );
}
