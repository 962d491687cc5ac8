// A TypeScript sample for every operation and webhook of a bundled spec, written the way a user of
// this package writes it: the client factory (redocly.yaml `x-client`), the typed call with its
// path, parameters and body taken from the operation's examples, and how to read the result; for a
// webhook, the API's receiver narrowing to that event. The docs show them (Redoc's `x-codeSamples`)
// and a test type-checks every one against the package's entry points and runs one per API.
import type { ApiEntry } from "./apis.ts";
import type { OpenApiDocument } from "./bundle-spec.ts";
import { clientPath, deref, METHODS, webhookRows } from "./operation-table.ts";

type Json = unknown;
type Node = Record<string, Json>;
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Node;
  example?: Json;
  examples?: Record<string, { value?: Json }>;
}

export interface CodeSample {
  operationId: string;
  /** `paths` or `webhooks`, and the key and method there. */
  root: "paths" | "webhooks";
  key: string;
  method: string;
  source: string;
}

const isNode = (v: Json): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

/** The first example a schema, parameter or media type gives, if any. */
export function example(doc: OpenApiDocument, holder: Json): Json {
  const node = deref(doc, holder);
  if (!isNode(node)) return undefined;
  if (node.example !== undefined) return node.example;
  const examples = node.examples;
  if (Array.isArray(examples) && examples.length > 0) return examples[0];
  if (isNode(examples)) {
    const first = deref(doc, Object.values(examples)[0]);
    if (isNode(first) && first.value !== undefined) return first.value;
  }
  return undefined;
}

/** A value the schema accepts, for a required field without an example: its example, enum, default or type's plain value. */
export function valueFor(doc: OpenApiDocument, schema: Json, depth = 0): Json {
  const s = deref(doc, schema);
  if (!isNode(s) || depth > 6) return null;
  const given = example(doc, s);
  if (given !== undefined) return given;
  if (s.const !== undefined) return s.const;
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const properties = isNode(s.properties) ? s.properties : {};
  const fields = (required: Json) =>
    Object.fromEntries(
      (Array.isArray(required) ? required : []).map((n: string) => [n, valueFor(doc, properties[n], depth + 1)]),
    );
  // Merged part by part; a later part's placeholder never overrides an earlier part's value.
  const merge = (parts: Json[]) => {
    const merged: Node = {};
    for (const part of parts.filter(isNode)) {
      for (const [k, v] of Object.entries(part)) if (merged[k] === undefined || merged[k] === null) merged[k] = v;
    }
    return merged;
  };
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
  const allOf = Array.isArray(s.allOf) ? s.allOf : [];
  const choice = [s.oneOf, s.anyOf].find((c): c is Json[] => Array.isArray(c) && c.length > 0)?.[0];
  if (type === "object" || Object.keys(properties).length > 0 || allOf.length > 0) {
    // The first alternative: a branch that only lists `required` names fields of this schema's own.
    const branch = deref(doc, choice);
    const alternative =
      isNode(branch) && !branch.properties && !branch.allOf
        ? fields(branch.required)
        : valueFor(doc, choice, depth + 1);
    return merge([
      fields(s.required),
      ...allOf.map((p) => valueFor(doc, p, depth + 1)),
      choice === undefined ? {} : alternative,
    ]);
  }
  if (choice !== undefined) return valueFor(doc, choice, depth + 1);
  if (type === "array") return [];
  if (type === "integer" || type === "number") return typeof s.minimum === "number" ? s.minimum : 1;
  if (type === "boolean") return true;
  if (type === "string")
    return s.format === "date-time" ? "2026-01-01T00:00:00Z" : s.format === "date" ? "2026-01-01" : "example";
  return null;
}

const literal = (value: Json, indent: string) =>
  JSON.stringify(value, null, 2)
    .replace(/"([A-Za-z_$][\w$]*)":/g, "$1:")
    .split("\n")
    .join(`\n${indent}`);

/** The client's variable name: `loops`, `lifeloop`, `loopmessage`. */
const clientName = (api: ApiEntry) => api.name.replace(/\W(\w)/g, (_, c: string) => c.toUpperCase());

function clientLines(api: ApiEntry): string[] {
  const options = Object.entries(api.client.credentials)
    .map(([option, variable]) => `${option}: process.env.${variable}!`)
    .join(", ");
  return [
    `import { ${api.client.factory} } from "loop-api-clients/${api.name}";`,
    "",
    `const ${clientName(api)} = ${api.client.factory}({ ${options} });`,
    "",
  ];
}

/** A valid call's arguments, from the operation's examples: the path as the client writes it, `params` and `body`. */
export function callArguments(
  doc: OpenApiDocument,
  api: ApiEntry,
  path: string,
  op: Node,
  pathItem: Node,
): { written: string; params: Record<string, Record<string, Json>>; body?: Json; bodySchema?: Json } {
  const prefix = api.client.pathPrefix ?? "";
  const filled = new Set(prefix.match(/\{([^}]+)\}/g)?.map((p) => p.slice(1, -1)) ?? []);
  const parameters = [...((pathItem.parameters as Json[]) ?? []), ...((op.parameters as Json[]) ?? [])]
    .map((p) => deref(doc, p) as Parameter)
    .filter((p) => !filled.has(p.name) && (p.in === "path" || p.required));
  const params: Record<string, Record<string, Json>> = {};
  for (const p of parameters) {
    if (p.in === "cookie") continue;
    const value = example(doc, p) ?? valueFor(doc, p.schema);
    (params[p.in] ??= {})[p.name] = p.in === "path" ? String(value) : value;
  }
  const written = clientPath(path, prefix);
  const body = deref(doc, op.requestBody) as Node | undefined;
  const media = isNode(body?.content) ? Object.keys(body.content).find((m) => /json/.test(m)) : undefined;
  if (!body || !media) return { written, params };
  const content = (body.content as Node)[media] as Node;
  const value = example(doc, content) ?? example(doc, content.schema) ?? valueFor(doc, content.schema);
  return { written, params, body: value, bodySchema: content.schema };
}

function operationSample(
  doc: OpenApiDocument,
  api: ApiEntry,
  path: string,
  method: string,
  op: Node,
  pathItem: Node,
): string {
  const { written, params, body } = callArguments(doc, api, path, op, pathItem);
  const init: string[] = [];
  if (Object.keys(params).length > 0) init.push(`params: ${literal(params, "  ")},`);
  if (body !== undefined) init.push(`body: ${literal(body, "  ")},`);
  const call = `${clientName(api)}.${method.toUpperCase()}(${JSON.stringify(written)}${
    init.length > 0 ? `, {\n  ${init.join("\n  ")}\n}` : ""
  })`;
  return [
    ...clientLines(api),
    `const { data, error, response } = await ${call};`,
    `if (response.ok) console.log(data);`,
    `else console.error(\`${op.operationId} failed with \${response.status}\`, error);`,
    "",
  ].join("\n");
}

function webhookSample(api: ApiEntry, event: string): string | undefined {
  const webhooks = api.client.webhooks;
  if (!webhooks) return undefined;
  return [
    `import { ${webhooks.receiver} } from "loop-api-clients/${api.name}-webhooks";`,
    "",
    `const receiver = ${webhooks.receiver}({ secret: process.env.${webhooks.secretVariable}! });`,
    "",
    "// A fetch-style handler (Next.js, Hono, Deno, Bun, Workers); Node's http: receiver.fromNode(req).",
    "export async function POST(request: Request): Promise<Response> {",
    "  const hook = await receiver.fromRequest(request); // throws WebhookVerificationError when forged",
    `  if (hook.kind === "known" && hook.type === ${JSON.stringify(event)}) {`,
    "    console.log(hook.event);",
    "  }",
    "  return new Response(null, { status: 200 }); // acknowledge first, work later",
    "}",
    "",
  ].join("\n");
}

/** Every operation's and webhook's sample, in spec order. */
export function codeSamples(doc: OpenApiDocument, api: ApiEntry): CodeSample[] {
  const samples: CodeSample[] = [];
  for (const [key, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!isNode(op)) continue;
      samples.push({
        operationId: String(op.operationId),
        root: "paths",
        key,
        method,
        source: operationSample(doc, api, key, method, op, item),
      });
    }
  }
  for (const row of webhookRows(doc)) {
    const source = webhookSample(api, row.event ?? row.name);
    if (source)
      samples.push({ operationId: row.operationId, root: "webhooks", key: row.name, method: row.method, source });
  }
  return samples;
}

/** The sample a reader starts with: the API's first read (GET), else its first operation. */
export function quickStart(samples: CodeSample[]): CodeSample {
  const operations = samples.filter((s) => s.root === "paths");
  const first = operations.find((s) => s.method === "get") ?? operations[0];
  if (!first) throw new Error("a spec without operations has no quick start");
  return first;
}

/**
 * A copy of the bundled spec with each operation's sample as its `x-codeSamples`. Redoc shows only
 * the payload beside a webhook, so a webhook's sample (its receiver) goes into its description.
 */
export function withCodeSamples(doc: OpenApiDocument, samples: CodeSample[]): OpenApiDocument {
  const copy = structuredClone(doc);
  for (const sample of samples) {
    const op = (copy[sample.root] as Record<string, Node>)[sample.key]![sample.method] as Node;
    if (sample.root === "paths") {
      op["x-codeSamples"] = [{ lang: "TypeScript", label: "TypeScript", source: sample.source }];
    } else {
      const before = typeof op.description === "string" ? `${op.description}\n\n` : "";
      op.description = `${before}Receive it with loop-api-clients:\n\n\`\`\`ts\n${sample.source}\`\`\`\n`;
    }
  }
  return copy;
}
