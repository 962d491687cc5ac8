// A compile-time proof, per API, that the generated types describe every JSON body: for each
// operation and webhook, the request body and every JSON response must be a real type (not `unknown`
// or `never`: a `true satisfies Typed<…>` line stops the type check), and a number must not pass
// for a JSON request body (its `@ts-expect-error` would go unused). And that the client's calls are
// exact (src/runtime/exact-types.ts), per operation: a call built from its examples with an optional
// body field and an optional query parameter compiles, and the same call with that name misspelt does
// not; where the body allows other properties, an object where the spec allows only scalars does not.
// `npm test` type-checks the file.
import type { ApiEntry } from "./apis.ts";
import { bodyExtras } from "./body-extras.ts";
import type { OpenApiDocument } from "./bundle-spec.ts";
import { callArguments, example, valueFor } from "./code-samples.ts";
import { tsHeader } from "./header.ts";
import { deref, METHODS } from "./operation-table.ts";

type Content = Record<string, unknown>;
interface Operation {
  operationId?: string;
  requestBody?: { content?: Content };
  responses?: Record<string, { content?: Content }>;
}

const isJson = (mediaType: string) => /^application\/([\w.-]+\+)?json\b/.test(mediaType);
const jsonMediaType = (doc: OpenApiDocument, holder: unknown) =>
  Object.keys(deref<{ content?: Content }>(doc, holder)?.content ?? {}).find(isJson);

/** `["200"]` for a numeric status (openapi-typescript's keys are numbers), `["default"]` otherwise. */
const statusKey = (status: string) => (/^\d+$/.test(status) ? `[${status}]` : `[${JSON.stringify(status)}]`);

function checks(doc: OpenApiDocument, root: "paths" | "webhooks"): string[] {
  const lines: string[] = [];
  for (const [path, item] of Object.entries(doc[root] ?? {})) {
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (!op) continue;
      const at = `${root}[${JSON.stringify(path)}][${JSON.stringify(method)}]`;
      const name = `${op.operationId ?? `${method} ${path}`}`;
      const request = jsonMediaType(doc, op.requestBody);
      if (request) {
        const body = `NonNullable<${at}["requestBody"]>["content"][${JSON.stringify(request)}]`;
        lines.push(
          `// ${name}: request body`,
          `true satisfies Typed<${body}>;`,
          `// @ts-expect-error a number is not a ${name} body`,
          `((body: ${body}) => body)(42);`,
        );
      }
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        const media = jsonMediaType(doc, response);
        if (!media) continue;
        lines.push(
          `// ${name}: ${status} response`,
          `true satisfies Typed<${at}["responses"]${statusKey(status)}["content"][${JSON.stringify(media)}]>;`,
        );
      }
    }
  }
  return lines;
}

type Json = unknown;
type Node = Record<string, Json>;
const isNode = (v: Json): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

interface Shape {
  properties: Record<string, Json>;
  required: Set<string>;
  /** It allows properties it does not name (`additionalProperties` other than false). */
  open: boolean;
}

/**
 * The top level of a body schema: its named properties and required ones, through `allOf`, and
 * through the `oneOf`/`anyOf` branch that `given` (the body the call sends) fits.
 */
function shape(doc: OpenApiDocument, schema: Json, given: Node): Shape {
  const s = deref<Node>(doc, schema);
  const out: Shape = { properties: {}, required: new Set(), open: false };
  if (!isNode(s)) return out;
  const add = (part: Shape) => {
    Object.assign(out.properties, part.properties);
    for (const name of part.required) out.required.add(name);
    out.open ||= part.open;
  };
  Object.assign(out.properties, isNode(s.properties) ? s.properties : {});
  for (const name of Array.isArray(s.required) ? s.required : []) out.required.add(String(name));
  out.open = s.additionalProperties !== undefined && s.additionalProperties !== false;
  for (const part of Array.isArray(s.allOf) ? s.allOf : []) add(shape(doc, part, given));
  const branches = [s.oneOf, s.anyOf].find(Array.isArray) ?? [];
  const fits = (b: Shape) =>
    [...b.required].every((n) => n in given) &&
    Object.keys(given).every((n) => n in b.properties || n in out.properties || b.open);
  const branch = branches.map((b) => shape(doc, b, given)).find(fits);
  if (branch) add(branch);
  return out;
}

/** A property a call may leave out and a client may send: not required, not read-only, not forbidden. */
const optional = (doc: OpenApiDocument, s: Shape) =>
  Object.keys(s.properties).filter((name) => {
    const p = deref<Json>(doc, s.properties[name]);
    return !s.required.has(name) && p !== false && isNode(p) && !p.readOnly && !isNode(p.not);
  });

/** A plausible typo of `name` (two letters swapped, else one added) that names nothing in `taken`. */
function misspell(name: string, taken: Iterable<string>): string {
  const names = new Set(taken);
  const i = Math.max(0, name.length - 3);
  const swapped = name.slice(0, i) + name.charAt(i + 1) + name.charAt(i) + name.slice(i + 2);
  return [swapped, `${name}s`, `${name}_x`].find((n) => n !== name && !names.has(n))!;
}

/** A JSON value as a one-line TypeScript literal (one line, so that `@ts-expect-error` covers the call). */
const oneLine = (value: Json) => JSON.stringify(value);

function exactChecks(doc: OpenApiDocument, api: ApiEntry): string[] {
  const lines: string[] = [];
  const extras = new Map(bodyExtras(doc, api.client.pathPrefix).map((e) => [`${e.method} ${e.path}`, e.type]));
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method] as Node | undefined;
      if (!op) continue;
      const name = String(op.operationId ?? `${method} ${path}`);
      const args = callArguments(doc, api, path, op, item as Node);
      const call = (init: Node) => `client.${method.toUpperCase()}(${JSON.stringify(args.written)}, ${oneLine(init)});`;
      const base: Node = { ...(Object.keys(args.params).length > 0 && { params: args.params }) };
      const pair = (what: string, correct: Node, wrong: Node) =>
        lines.push(`// ${name}: ${what}`, call(correct), `// @ts-expect-error ${what}, misspelt`, call(wrong));

      if (isNode(args.body)) {
        const body = args.body;
        const s = shape(doc, args.bodySchema, body);
        const extra = extras.get(`${method} ${args.written}`);
        if (!s.open) {
          const names = optional(doc, s);
          const field = names.find((n) => n in body) ?? names[0];
          if (field !== undefined) {
            const value = field in body ? body[field] : valueFor(doc, s.properties[field]);
            const others = Object.fromEntries(Object.entries(body).filter(([k]) => k !== field));
            pair(
              `the optional body field \`${field}\``,
              { ...base, body: { ...others, [field]: value } },
              { ...base, body: { ...others, [misspell(field, Object.keys(s.properties))]: value } },
            );
          }
        } else if (extra) {
          // The body takes other keys: a typo is one of them; only their values are checked.
          const key = misspell("customProperty", Object.keys(s.properties));
          const scalar = extra.includes("string") ? "text" : extra.includes("number") ? 1 : extra.includes("boolean");
          lines.push(
            `// ${name}: a property the body does not name takes ${extra}`,
            call({ ...base, body: { ...body, [key]: scalar } }),
            `// @ts-expect-error ${name}: an object is not ${extra}`,
            call({ ...base, body: { ...body, [key]: { nested: scalar } } }),
          );
        }
      }
      const query = [...((item.parameters as Json[]) ?? []), ...((op.parameters as Json[]) ?? [])]
        .map((p) => deref<Node>(doc, p))
        .filter((p): p is Node => isNode(p) && p.in === "query" && !p.required);
      const q = query.find((p) => example(doc, p) !== undefined) ?? query[0];
      if (q) {
        const qName = String(q.name);
        const value = example(doc, q) ?? valueFor(doc, q.schema);
        const withQuery = (key: string): Node => ({
          ...base,
          params: { ...args.params, query: { ...args.params.query, [key]: value } },
          ...(args.body !== undefined && { body: args.body }),
        });
        const taken = query.map((p) => String(p.name));
        pair(`the optional query parameter \`${qName}\``, withQuery(qName), withQuery(misspell(qName, taken)));
      }
    }
  }
  return lines;
}

export function typeChecksModule(doc: OpenApiDocument, api: ApiEntry): string {
  const roots = (["paths", "webhooks"] as const).filter((root) => doc[root]);
  const { factory } = api.client;
  return `${tsHeader(api)}
import type { ${roots.join(", ")} } from "./schema.ts";
import type { ${factory} } from "../../src/clients/${api.name}.ts";

/** false for \`unknown\`, \`any\` and \`never\`: a body the types do not describe. */
type Typed<T> = [T] extends [never] ? false : unknown extends T ? false : true;

${roots.flatMap((root) => checks(doc, root)).join("\n")}

// The calls are exact: each misspelt name below must be a compile error.
declare const client: ReturnType<typeof ${factory}>;
${exactChecks(doc, api).join("\n")}
`;
}
