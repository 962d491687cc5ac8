// Lints one API with the per-API config from redocly.yaml and turns problems into
// `file:line:col` lines, so a broken spec names where it breaks.
import { relative } from "node:path";
import { getLineColLocation, lint, type Config, type NormalizedProblem } from "@redocly/openapi-core";

export class SpecError extends Error {
  override name = "SpecError";
}

export function formatProblem(problem: NormalizedProblem): string {
  const location = problem.location[0];
  let where = "(unknown location)";
  if (location) {
    const file = relative(process.cwd(), location.source.absoluteRef);
    const { start } = getLineColLocation(location);
    where = `${file}:${start.line}:${start.col} (${location.pointer ?? "#/"})`;
  }
  return `${where} ${problem.severity} ${problem.ruleId}: ${problem.message}`;
}

/** Throws a SpecError listing every error; returns the warnings' lines. */
export async function lintSpec(ref: string, config: Config): Promise<string[]> {
  // Problems listed in .redocly.lint-ignore.yaml (known false positives) come back flagged `ignored`.
  const problems = (await lint({ ref, config })).filter((p) => !p.ignored);
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0) {
    throw new SpecError(`${errors.length} lint error(s):\n${errors.map(formatProblem).join("\n")}`);
  }
  return problems.filter((p) => p.severity === "warn").map(formatProblem);
}
