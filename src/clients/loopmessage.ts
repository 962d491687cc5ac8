/**
 * LoopMessage client: the shared runtime's openapi-fetch client over the generated `paths`, with
 * the raw API key in `Authorization` (no `Bearer`) and every request sent to its operation's host.
 *
 * openapi-fetch knows one base URL, so the client is built on the spec's default server and an
 * onRequest middleware moves each request to the host the spec gives its (path, method), looked up
 * in the generated operations table (`https://a.loopmessage.com` for most, `https://t.imsg.link`
 * for the opt-in tracker). `servers` maps any of those spec hosts to another URL (a proxy, a mock).
 *
 * Webhooks live in `loopmessage-webhooks.ts` (it needs node:crypto; this module does not).
 */
import type { Middleware } from 'openapi-fetch';
import { headerAuth } from '../runtime/auth.ts';
import { createApiClient, type ApiClient, type ApiClientOptions } from '../runtime/create-client.ts';
import { defaultServer, operations } from '../../generated/loopmessage/operations.ts';
import type { components, paths } from '../../generated/loopmessage/schema.ts';

export type {
  paths as LoopMessagePaths,
  components as LoopMessageComponents,
  operations as LoopMessageOperations,
  webhooks as LoopMessageWebhooks,
} from '../../generated/loopmessage/schema.ts';
export type { OperationId as LoopMessageOperationId } from '../../generated/loopmessage/operations.ts';

type Schemas = components['schemas'];
/** Exactly one kind of message: text or audio, to a contact or a group, or a reaction. */
export type SendMessageRequest = Schemas['SendMessageRequest'];
export type SendTextMessage = Schemas['SendTextMessage'];
export type SendGroupMessage = Schemas['SendGroupMessage'];
export type SendAudioMessage = Schemas['SendAudioMessage'];
export type SendGroupAudioMessage = Schemas['SendGroupAudioMessage'];
export type SendReaction = Schemas['SendReaction'];
export type SendMessageResponse = Schemas['SendMessageResponse'];
export type ShowTypingRequest = Schemas['ShowTypingRequest'];
export type MessageStatus = Schemas['MessageStatus'];
export type CreateCampaignRequest = Schemas['CreateCampaignRequest'];
export type LoopMessageError = Schemas['Error'];
/** Any known webhook payload, discriminated by `event`. */
export type LoopMessageWebhookEvent = Schemas['WebhookEvent'];
export type LoopMessageWebhookEventName = LoopMessageWebhookEvent['event'];

/** The hosts the spec names: its top-level server and any path-level ones. */
export type LoopMessageServer = (typeof operations)[number]['server'];

export interface LoopMessageClientOptions
  extends Omit<ApiClientOptions<paths>, 'baseUrl' | 'auth' | 'idempotency'> {
  /** A LoopMessage API key, sent as is in the `Authorization` header. */
  apiKey: string;
  /**
   * Override a spec host, keyed by the spec's server URL, e.g.
   * `{ 'https://a.loopmessage.com': 'https://proxy.example/lm' }`. Unlisted hosts are used as is.
   */
  servers?: Partial<Record<LoopMessageServer, string>>;
}

export type LoopMessageClient = ApiClient<paths>;

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** `METHOD /path/template` → spec server, built once from the generated table. */
const routes = new Map<string, string>(operations.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op.server]));
const knownServers: ReadonlySet<string> = new Set([defaultServer, ...operations.map((op) => op.server)]);

function resolveServers(overrides: Record<string, string> | undefined): Map<string, string> {
  const resolved = new Map<string, string>([...knownServers].map((s) => [s, s]));
  for (const [server, target] of Object.entries(overrides ?? {})) {
    if (!knownServers.has(server)) {
      throw new TypeError(
        `createLoopMessageClient: unknown server ${JSON.stringify(server)} in \`servers\`; the spec's servers are ${[...knownServers].join(', ')}.`,
      );
    }
    if (typeof target !== 'string' || !URL.canParse(target) || !/^https?:$/.test(new URL(target).protocol)) {
      throw new TypeError(`createLoopMessageClient: \`servers\` maps ${server} to something that is not an http(s) URL.`);
    }
    resolved.set(server, trimSlash(target));
  }
  return resolved;
}

/**
 * The free-form opt-in query (`params`, style form, explode) must go out as plain `name=value`
 * pairs; openapi-fetch's default for object values is deepObject (`params[name]=value`).
 */
function formExplodedQuery(query: Record<string, unknown> | undefined): string | undefined {
  if (!query || !Object.values(query).some((v) => v !== null && typeof v === 'object' && !Array.isArray(v))) return undefined;
  const search = new URLSearchParams();
  const add = (name: string, value: unknown) => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) for (const v of value) search.append(name, String(v));
    else if (typeof value === 'object') for (const [k, v] of Object.entries(value)) add(k, v);
    else search.append(name, String(value));
  };
  for (const [name, value] of Object.entries(query)) add(name, value);
  return search.toString();
}

/** Moves each request from the client's base URL to its operation's (possibly overridden) host. */
function hostRouting(servers: Map<string, string>): Middleware {
  const base = trimSlash(defaultServer);
  return {
    onRequest({ request, schemaPath, params }) {
      const server = routes.get(`${request.method} ${schemaPath}`) ?? defaultServer;
      const target = servers.get(server) ?? server;
      // A per-request `baseUrl` is the caller's explicit choice: leave it alone.
      if (!request.url.startsWith(base + '/')) return undefined;
      const url = new URL(target + request.url.slice(base.length));
      const search = formExplodedQuery(params.query as Record<string, unknown> | undefined);
      if (search !== undefined) url.search = search;
      if (url.href === request.url) return undefined;
      const moved = new Request(url, request);
      // Per-request runtime options (maxRetries, timeoutMs) ride on the Request object.
      for (const key of Object.keys(request)) {
        if (!(key in moved)) (moved as unknown as Record<string, unknown>)[key] = (request as unknown as Record<string, unknown>)[key];
      }
      return moved;
    },
  };
}

export function createLoopMessageClient(options: LoopMessageClientOptions): LoopMessageClient {
  const { apiKey, servers, middleware, ...rest } = options ?? ({} as LoopMessageClientOptions);
  if (typeof apiKey !== 'string' || apiKey.trim() === '') {
    throw new TypeError('createLoopMessageClient: `apiKey` is required (a non-blank LoopMessage API key).');
  }
  const resolved = resolveServers(servers);
  return createApiClient<paths>({
    ...rest,
    baseUrl: defaultServer,
    auth: headerAuth('Authorization', apiKey, 'LoopMessage API key'),
    // Routing runs right after the runtime's own steps, so caller middleware sees the final URL.
    middleware: [hostRouting(resolved), ...(middleware ?? [])],
  });
}
