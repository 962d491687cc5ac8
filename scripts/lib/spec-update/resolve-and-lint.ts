// Resolves every $ref of the published file (external ones are pulled in, as Redocly bundles) and
// lints it with Redocly's structural rules only. House style (summaries, tag descriptions…) is not
// asked of the vendor: it is checked later, on the bundled spec with our additions.
import {
  BaseResolver,
  bundleFromString,
  createConfig,
  getLineColLocation,
  lintFromString,
  type NormalizedProblem,
} from "@redocly/openapi-core";
import { relative } from "node:path";
import { valueAt } from "../operation-table.ts";
import { SpecUpdateError } from "./errors.ts";

/** The rules that say whether a document is a well-formed OpenAPI description at all. */
const STRUCTURAL_RULES = {
  struct: "error",
  "no-unresolved-refs": "error",
  "no-identical-paths": "error",
  "operation-operationId-unique": "error",
  "path-parameters-defined": "error",
  "spec-components-invalid-map-name": "error",
} as const;

function at(problem: NormalizedProblem): string {
  const location = problem.location[0];
  if (!location) return "(unknown location)";
  const ref = location.source.absoluteRef;
  const file = /^https?:/.test(ref) ? ref : relative(process.cwd(), ref);
  const { start } = getLineColLocation(location);
  return `${file}:${start.line}:${start.col} (${location.pointer ?? "#/"})`;
}

function refAt(document: unknown, pointer: string | undefined): string | undefined {
  const ref = (valueAt(document, pointer ?? "#") as { $ref?: unknown } | undefined)?.$ref;
  return typeof ref === "string" ? ref : undefined;
}

/**
 * The document with external $refs inlined, once it is a well-formed OpenAPI description: throws
 * naming every $ref that does not resolve, then listing every structural error, each as
 * `file:line:col (pointer) rule: message`. One resolver serves both, so an external file is read once.
 */
export async function resolveAndLint(
  text: string,
  location: string,
  parsed: unknown,
): Promise<Record<string, unknown>> {
  const config = await createConfig({ rules: STRUCTURAL_RULES });
  const externalRefResolver = new BaseResolver(config.resolve);
  const source = { source: text, absoluteRef: location, config, externalRefResolver };
  const result = await bundleFromString({ ...source, dereference: false });
  const broken = result.problems.filter((p) => p.severity === "error");
  if (broken.length > 0) {
    const lines = broken.map((p) => {
      const ref = refAt(parsed, p.location[0]?.pointer);
      return `  ${at(p)} ${ref ? `$ref "${ref}" does not resolve` : p.message}${ref ? ` (${p.message.replace(/^Can't resolve \$ref:? ?/, "") || "no such target"})` : ""}`;
    });
    throw new SpecUpdateError(`${location}: ${broken.length} broken $ref(s):\n${lines.join("\n")}`);
  }
  const errors = (await lintFromString(source)).filter((p) => p.severity === "error");
  if (errors.length > 0) {
    const lines = errors.map((p) => `  ${at(p)} ${p.ruleId}: ${p.message}`);
    throw new SpecUpdateError(`${location}: ${errors.length} structural lint error(s):\n${lines.join("\n")}`);
  }
  return result.bundle.parsed as Record<string, unknown>;
}
