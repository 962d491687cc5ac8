/**
 * What is wrong with one answer of an operation, by the spec: its status must be documented (the
 * exact code, else its class `4XX`, else `default`), and a JSON body must match that status's
 * schema. The clients' `validateResponses` and live contract mode both judge answers here, with
 * the one validator of spec-validator.ts. A problem says where and which rule, never a value.
 */
import type { OperationRule, SpecValidator } from "./spec-validator.ts";

export interface DriftProblem {
  /** Where, as a JSON pointer into the body (`/data/0/timezone`; `` for the body itself). */
  pointer: string;
  /** The JSON Schema keyword that failed (`required`, `type`, …), or `status` for an undocumented status. */
  rule: string;
  /** What the spec expects there, in words (never the value found). */
  expected: string;
  /** The JSON type found at `pointer` (`missing` when there is nothing), or the undocumented status. */
  found: string;
}

/** The spec's response entry for `status`: the exact code, its class (`4XX`), or `default`. */
export function documentedResponse(rule: OperationRule, status: number): string | undefined {
  const keys = [String(status), `${Math.floor(status / 100)}XX`, "default"];
  return keys.find((key) => Object.hasOwn(rule.responses, key));
}

/** The same place in every item of an array: `/data/7/name` → `/data/*` + `/name`. */
export const place = (pointer: string) => pointer.replace(/\/\d+(?=\/|$)/g, "/*");

/**
 * The problems of an answer (`body` as openapi-fetch parsed it: its `data`, or its `error`), one
 * per place and rule (the first item of an array stands for the others). Empty when the answer is
 * what the spec documents, or the operation is not the spec's.
 */
export function responseProblems(
  validator: SpecValidator,
  operationId: string,
  status: number,
  body: unknown,
): DriftProblem[] {
  const rule = validator.schemas.operations[operationId];
  if (!rule) return [];
  const key = documentedResponse(rule, status);
  if (key === undefined) {
    const documented = Object.keys(rule.responses).join(", ");
    return [{ pointer: "", rule: "status", expected: `a documented status (${documented})`, found: String(status) }];
  }
  const { schema } = rule.responses[key]!;
  // No body where the spec documents a JSON one (openapi-fetch gives undefined for an empty body).
  if (body === undefined && schema !== undefined)
    return [{ pointer: "", rule: "type", expected: "a JSON body", found: "missing" }];
  const problems = new Map<string, DriftProblem>();
  for (const p of validator.check(schema, body)) {
    const at = `${place(p.pointer)} ${p.rule}`;
    if (!problems.has(at)) problems.set(at, { pointer: p.pointer, rule: p.rule, expected: p.message, found: p.found });
  }
  return [...problems.values()];
}
