// A compile-time proof, per API, that the generated types describe every JSON body: for each
// operation and webhook, the request body and every JSON response must be a real type (not `unknown`
// or `never`: a `true satisfies Typed<…>` line stops the type check), and a number must not pass
// for a JSON request body (its `@ts-expect-error` would go unused). `npm test` type-checks the file.
import type { OpenApiDocument } from "./bundle-spec.ts";
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

export function typeChecksModule(doc: OpenApiDocument, api: { root: string }): string {
  const roots = (["paths", "webhooks"] as const).filter((root) => doc[root]);
  return `${tsHeader(api)}
import type { ${roots.join(", ")} } from "./schema.ts";

/** false for \`unknown\`, \`any\` and \`never\`: a body the types do not describe. */
type Typed<T> = [T] extends [never] ? false : unknown extends T ? false : true;

${roots.flatMap((root) => checks(doc, root)).join("\n")}
`;
}
