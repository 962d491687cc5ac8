// What checking a request or an answer against the spec needs at run time, without the spec:
//  - operation-schemas.ts: per operation, its parameters, request body and responses, each pointing
//    at a JSON schema in one `$defs` (constraints only, as in webhook-schemas.ts), and the security
//    schemes, and `routes` (`METHOD /path` as the client's calls write it → operation id). The
//    testing kit validates requests with it; the clients' response validation loads it lazily.
//  - examples.ts: the example the spec documents for each response (body and headers) and for each
//    webhook payload, picked as Prism picks them, so the in-process mock answers what Prism answers.
import type { OpenApiDocument } from "./bundle-spec.ts";
import { tsHeader } from "./header.ts";
import { clientPath, deref, METHODS, operationRows, webhookRows } from "./operation-table.ts";
import { collect } from "./webhook-schemas.ts";
import type { OperationRule, ParameterRule } from "../../src/validation/spec-validator.ts";

type Json = unknown;
type Node = Record<string, any>;

const jsonMediaType = (content: Node | undefined) =>
  Object.keys(content ?? {}).find((m) => m === "application/json" || m.endsWith("+json"));

function firstExample(doc: OpenApiDocument, mediaType: Node | undefined): Json {
  if (!mediaType) return undefined;
  if (mediaType.example !== undefined) return mediaType.example;
  const named = Object.values(mediaType.examples ?? {})[0];
  if (named !== undefined) return deref<Node>(doc, named)?.value;
  const schema = deref<Node>(doc, mediaType.schema);
  if (schema?.example !== undefined) return schema.example;
  return Array.isArray(schema?.examples) ? schema.examples[0] : undefined;
}

function headerExample(doc: OpenApiDocument, header: Node | undefined): Json {
  if (header?.example !== undefined) return header.example;
  const named = Object.values(header?.examples ?? {})[0];
  if (named !== undefined) return deref<Node>(doc, named)?.value;
  const schema = deref<Node>(doc, header?.schema);
  return schema?.example ?? (Array.isArray(schema?.examples) ? schema.examples[0] : schema?.default);
}

interface Operation {
  operationId: string;
  item: Node;
  op: Node;
}

function operationsOf(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const item of Object.values(doc.paths ?? {}) as Node[]) {
    for (const method of METHODS)
      if (item[method]?.operationId) out.push({ operationId: item[method].operationId, item, op: item[method] });
  }
  return out;
}

export function operationSchemasModule(
  doc: OpenApiDocument,
  api: { root: string; client?: { pathPrefix?: string } },
): string {
  const defs: Record<string, Json> = {};
  const operations: Record<string, OperationRule> = {};
  const schemaKey = (key: string, schema: Json) => {
    if (schema === undefined) return undefined;
    defs[key] = collect(doc, defs, schema);
    return key;
  };
  for (const { operationId, item, op } of operationsOf(doc)) {
    const security = (op.security ?? doc.security ?? []) as Record<string, string[]>[];
    // An operation's parameter replaces its path's parameter of the same name and location.
    const byPlace = new Map<string, Node>();
    for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: Json) => deref<Node>(doc, p)!)) {
      byPlace.set(`${p.in} ${p.name}`, p);
    }
    const parameters = [...byPlace.values()].map((p): ParameterRule => ({
      in: p.in,
      name: p.name,
      required: p.required === true,
      ...(p.schema !== undefined && { schema: schemaKey(`${operationId}:${p.in}:${p.name}`, p.schema) }),
      ...(p.style !== undefined && { style: p.style }),
      ...(p.explode !== undefined && { explode: p.explode }),
    }));
    const rule: OperationRule = { security: security.map((r) => Object.keys(r)), parameters, responses: {} };
    const body = deref<Node>(doc, op.requestBody);
    if (body) {
      const json = jsonMediaType(body.content);
      rule.body = {
        required: body.required === true,
        mediaTypes: Object.keys(body.content ?? {}),
        ...(json && { schema: schemaKey(`${operationId}:body`, body.content[json].schema) }),
      };
    }
    for (const [status, response] of Object.entries(op.responses ?? {})) {
      const content = deref<Node>(doc, response)?.content;
      const mediaType = jsonMediaType(content) ?? Object.keys(content ?? {})[0];
      rule.responses[status] = {
        ...(mediaType && { mediaType }),
        ...(mediaType &&
          jsonMediaType(content) && { schema: schemaKey(`${operationId}:${status}`, content[mediaType].schema) }),
      };
    }
    operations[operationId] = rule;
  }
  const schemes = Object.fromEntries(
    Object.entries(((doc.components as Node | undefined)?.securitySchemes ?? {}) as Record<string, Node>).map(
      ([name, s]) => [
        name,
        { type: s.type, ...(s.scheme && { scheme: s.scheme }), ...(s.in && { in: s.in, name: s.name }) },
      ],
    ),
  );
  const sorted = Object.fromEntries(Object.entries(defs).sort(([a], [b]) => a.localeCompare(b)));
  const routes = Object.fromEntries(
    operationRows(doc).map((op) => [
      `${op.method.toUpperCase()} ${clientPath(op.path, api.client?.pathPrefix)}`,
      op.operationId,
    ]),
  );
  return `${tsHeader(api)}
import type { OperationSchemas } from "../../src/validation/spec-validator.ts";

/** Per operation: its security, parameters, request body and responses, their schemas in \`$defs\` (constraints only). */
export const operationSchemas: OperationSchemas = ${JSON.stringify({ securitySchemes: schemes, operations, $defs: sorted }, null, 2)};

/** \`METHOD /path\`, as the client's calls write it, → operation id. */
export const routes: Record<string, string> = ${JSON.stringify(routes, null, 2)};
`;
}

export function examplesModule(doc: OpenApiDocument, api: { root: string }): string {
  const operations: Record<string, Record<string, { body?: Json; headers?: Record<string, Json> }>> = {};
  for (const { operationId, op } of operationsOf(doc)) {
    operations[operationId] = {};
    for (const [status, ref] of Object.entries(op.responses ?? {})) {
      const response = deref<Node>(doc, ref);
      const content = response?.content;
      const body = firstExample(doc, content?.[jsonMediaType(content) ?? Object.keys(content ?? {})[0] ?? ""]);
      const headers = Object.fromEntries(
        Object.entries(response?.headers ?? {})
          .map(([name, h]) => [name, headerExample(doc, deref<Node>(doc, h))])
          .filter(([, value]) => value !== undefined),
      );
      operations[operationId][status] = {
        ...(body !== undefined && { body }),
        ...(Object.keys(headers).length > 0 && { headers }),
      };
    }
  }
  const webhooks: Record<string, Json> = {};
  for (const row of webhookRows(doc)) {
    const op = (doc.webhooks?.[row.name] as Node)[row.method] as Node;
    const body = deref<Node>(doc, op.requestBody);
    webhooks[row.event ?? row.name] = firstExample(doc, body?.content?.[jsonMediaType(body?.content) ?? ""]);
  }
  return `${tsHeader(api)}
import type { SpecExamples } from "../../src/validation/spec-validator.ts";

/** The example the spec documents for each response (body, headers) and each webhook payload, as Prism picks it. */
export const examples: SpecExamples = ${JSON.stringify({ operations, webhooks }, null, 2)};
`;
}
