// Small derived tables the clients and tests need at run time, so they never parse the spec:
// every operation with its resolved server (LoopMessage routes by it), whether it takes an
// Idempotency-Key header (the retry policy reads it) and whether its security asks for a credential
// (the client sends one only then), and every webhook.
import type { OpenApiDocument } from "./bundle-spec.ts";
import { unescapeSegment } from "../../src/validation/json-pointer.ts";
import { bodyExtrasInterface } from "./body-extras.ts";
import { tsHeader } from "./header.ts";

/** The HTTP methods an OpenAPI path item may hold, in the order the OpenAPI spec lists them. */
export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

interface Server {
  url: string;
}
interface Parameter {
  name?: string;
  in?: string;
  $ref?: string;
}
/** A security requirement: scheme name → scopes. `{}` is "no credential". */
type SecurityRequirement = Record<string, string[]>;
interface Operation {
  operationId?: string;
  tags?: string[];
  servers?: Server[];
  parameters?: Parameter[];
  security?: SecurityRequirement[];
}

export interface OperationRow {
  operationId: string;
  method: (typeof METHODS)[number];
  path: string;
  server: string;
  tags: string[];
  idempotencyKey: boolean;
  /** The operation's security (its own, else the document's) names at least one scheme. */
  secured: boolean;
}

export interface WebhookRow {
  name: string;
  operationId: string;
  method: string;
  /** The payload property that names the event, and its value for this webhook (from a `const`). */
  discriminator?: string;
  event?: string;
}

type Schema = { $ref?: string; const?: unknown; properties?: Record<string, Schema>; allOf?: Schema[] };

/** The value at a JSON pointer (`#/paths/~1v1~1contacts/get`, URI-escaped or not) in `doc`, if any. */
export function valueAt(doc: unknown, pointer: string): unknown {
  return pointer
    .replace(/^#\/?/, "")
    .split("/")
    .filter(Boolean)
    .map((key) => unescapeSegment(decodeURIComponent(key)))
    .reduce<unknown>((n, key) => (n as Record<string, unknown> | null | undefined)?.[key], doc);
}

/** `node`, or what its chain of local `$ref`s points to (at most 32 hops). */
export function deref<T = unknown>(doc: OpenApiDocument, node: unknown): T | undefined {
  let current = node;
  for (let hops = 0; hops < 32; hops++) {
    const ref = (current as { $ref?: unknown } | null | undefined)?.$ref;
    if (typeof ref !== "string" || !ref.startsWith("#/")) break;
    current = valueAt(doc, ref);
  }
  return current as T | undefined;
}

/** Every property fixed by a string `const`, looking through `allOf`. */
function constProperties(doc: OpenApiDocument, schema: Schema | undefined, out = new Map<string, string>()) {
  const s = deref<Schema>(doc, schema);
  for (const [name, property] of Object.entries(s?.properties ?? {})) {
    const value = deref<Schema>(doc, property)?.const;
    if (typeof value === "string" && !out.has(name)) out.set(name, value);
  }
  for (const part of s?.allOf ?? []) constProperties(doc, part, out);
  return out;
}

/**
 * How a payload says which event it is: the const property that every webhook fixes, to a value no
 * other webhook shares (`eventType`, `event`, `eventName`); a const they all share, like Loops'
 * `webhookSchemaVersion: "1.0.0"`, is not it.
 */
function discriminator(consts: Map<string, string>[]): string | undefined {
  const names = [...(consts[0]?.keys() ?? [])];
  return names.find((name) => {
    const values = consts.map((c) => c.get(name));
    return values.every((v) => v !== undefined) && new Set(values).size === values.length;
  });
}

function resolveParameter(doc: OpenApiDocument, p: Parameter): Parameter {
  if (!p.$ref) return p;
  const name = p.$ref.replace("#/components/parameters/", "");
  const components = doc.components as { parameters?: Record<string, Parameter> } | undefined;
  return components?.parameters?.[name] ?? p;
}

function rootServer(doc: OpenApiDocument): string {
  return (doc.servers as Server[] | undefined)?.[0]?.url ?? "/";
}

/** Every server the spec names: the first top-level one (the clients' default) first, then the operations'. */
export function specServers(doc: OpenApiDocument, rows: OperationRow[] = operationRows(doc)): string[] {
  return [...new Set([rootServer(doc), ...rows.map((op) => op.server)])];
}

/** `path` as the client's calls write it: without the API entry's `pathPrefix` (LifeLoop's `/{tenant}`). */
export function clientPath(path: string, prefix = ""): string {
  return prefix && path.startsWith(`${prefix}/`) ? path.slice(prefix.length) : path;
}

/** `security: []`, `[{}]` or none at all ask for no credential; `[{}, { apiKey: [] }]` (optional) does. */
const asksForCredential = (security: SecurityRequirement[] | undefined) =>
  (security ?? []).some((requirement) => Object.keys(requirement).length > 0);

export function operationRows(doc: OpenApiDocument): OperationRow[] {
  const rows: OperationRow[] = [];
  const docSecurity = doc.security as SecurityRequirement[] | undefined;
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const pathServer = (item.servers as Server[] | undefined)?.[0]?.url;
    const pathParams = (item.parameters as Parameter[] | undefined) ?? [];
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (!op) continue;
      if (!op.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      const params = [...pathParams, ...(op.parameters ?? [])].map((p) => resolveParameter(doc, p));
      rows.push({
        operationId: op.operationId,
        method,
        path,
        server: op.servers?.[0]?.url ?? pathServer ?? rootServer(doc),
        tags: op.tags ?? [],
        idempotencyKey: params.some((p) => p.in === "header" && p.name?.toLowerCase() === "idempotency-key"),
        secured: asksForCredential(op.security ?? docSecurity),
      });
    }
  }
  return rows;
}

export function webhookRows(doc: OpenApiDocument): WebhookRow[] {
  const found: { name: string; method: string; operationId: string; consts: Map<string, string> }[] = [];
  for (const [name, item] of Object.entries(doc.webhooks ?? {})) {
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (!op) continue;
      if (!op.operationId) throw new Error(`webhook ${name} (${method}) has no operationId`);
      const body = (op as { requestBody?: { content?: Record<string, { schema?: Schema }> } }).requestBody;
      found.push({
        name,
        method,
        operationId: op.operationId,
        consts: constProperties(doc, body?.content?.["application/json"]?.schema),
      });
    }
  }
  const field = discriminator(found.map((w) => w.consts));
  return found.map(({ name, method, operationId, consts }) => ({
    name,
    operationId,
    method,
    ...(field && { discriminator: field, event: consts.get(field)! }),
  }));
}

export function operationTableModule(
  doc: OpenApiDocument,
  api: { root: string; client?: { pathPrefix?: string } },
): string {
  const json = (value: unknown) => JSON.stringify(value, null, 2);
  const rows = operationRows(doc);
  // The small maps key operations as the client's calls name them (LifeLoop's client puts the
  // tenant in its base URL).
  const prefix = api.client?.pathPrefix;
  const key = (op: OperationRow) => `${op.method.toUpperCase()} ${clientPath(op.path, prefix)}`;
  const defaultUrl = rootServer(doc);
  // Small maps the clients import instead of the whole table, so a bundler can leave the table out.
  const servers = specServers(doc, rows);
  const serverOverrides = Object.fromEntries(
    rows.filter((op) => op.server !== defaultUrl).map((op) => [key(op), op.server]),
  );
  const keyedOperations = rows.filter((op) => op.idempotencyKey).map(key);
  const unsecuredOperations = rows.filter((op) => !op.secured).map(key);
  return `${tsHeader(api)}
export const info = ${json({ title: doc.info.title, version: doc.info.version })} as const;

/** The spec's first top-level server: the client's default base URL. */
export const defaultServer = ${json(defaultUrl)};

/** Every server the spec names, the default first. */
export const servers = ${json(servers)} as const;

// \`METHOD /path\` below is a path as the client's calls write it${prefix ? ` (without \`${prefix}\`)` : ""}.

/** \`METHOD /path\` → server, for the operations that are not on the default server. */
export const serverOverrides = ${json(serverOverrides)} as const;

/** \`METHOD /path\` of the operations that accept an Idempotency-Key header. */
export const keyedOperations = ${json(keyedOperations)} as const;

/** \`METHOD /path\` of the operations whose security asks for no credential (none is sent to them). */
export const unsecuredOperations = ${json(unsecuredOperations)} as const;

export const operations = ${json(rows)} as const;

export const webhooks = ${json(webhookRows(doc))} as const;

export type OperationId = (typeof operations)[number]["operationId"];
export type WebhookOperationId = (typeof webhooks)[number]["operationId"];

${bodyExtrasInterface(doc, prefix)}
`;
}
