// Bundles one API (decorators applied, external $refs pulled in) into a single JSON document.
import { bundle, type Config } from "@redocly/openapi-core";
import { formatProblem, SpecError } from "./lint-spec.ts";

export type OpenApiDocument = Record<string, unknown> & {
  info: { title: string; version: string };
  paths?: Record<string, Record<string, unknown>>;
  webhooks?: Record<string, Record<string, unknown>>;
};

export async function bundleSpec(ref: string, config: Config): Promise<OpenApiDocument> {
  const result = await bundle({ ref, config, dereference: false });
  const errors = result.problems.filter((p) => p.severity === "error");
  if (errors.length > 0) {
    throw new SpecError(`bundling failed:\n${errors.map(formatProblem).join("\n")}`);
  }
  return result.bundle.parsed as OpenApiDocument;
}
