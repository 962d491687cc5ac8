// The operations of a bundled spec, and what counts as a documented answer to one of them: shared by
// the contract runner (against the mocks), the live mode (against the real APIs) and the coverage test.
import type { BundledSpec } from "./generated-specs.ts";
import type { SpecValidator } from "./spec-validator.ts";

export interface SpecOperation {
  operationId: string;
  path: string;
  method: string;
  /** Response keys as in the spec: "200", "4XX", "default"… */
  statuses: string[];
  secured: boolean;
  /** It declares an `Idempotency-Key` header parameter (its own or its path's). */
  keyed: boolean;
}

export function specOperations(spec: BundledSpec): SpecOperation[] {
  const out: SpecOperation[] = [];
  for (const [path, item] of Object.entries<any>(spec.paths ?? {})) {
    for (const [method, op] of Object.entries<any>(item)) {
      if (!op?.operationId) continue;
      const security = op.security ?? spec.security ?? [];
      const parameters = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: any) =>
        typeof p?.$ref === "string" ? spec.components?.parameters?.[p.$ref.split("/").pop()] : p,
      );
      out.push({
        operationId: op.operationId,
        path,
        method,
        statuses: Object.keys(op.responses ?? {}),
        secured: security.length > 0 && !security.some((s: object) => Object.keys(s).length === 0),
        keyed: parameters.some((p) => p?.in === "header" && /^idempotency-key$/i.test(p.name)),
      });
    }
  }
  return out;
}

/** Why an answer is not what the spec documents for `op` (empty when it is). */
export function answerProblems(validator: SpecValidator, op: SpecOperation, status: number, body: unknown): string[] {
  const label = `${op.operationId} (${op.method.toUpperCase()} ${op.path}) answered ${status}`;
  const key = [String(status), `${String(status)[0]}XX`, "default"].find((k) => op.statuses.includes(k));
  if (!key) return [`${label}, which the spec does not document (documented: ${op.statuses.join(", ")})`];
  const pointer = validator.responseSchemaPointer(op.path, op.method, key);
  if (pointer) return validator.errors(pointer, body).map((e) => `${label}: body breaks the ${key} schema: ${e}`);
  return body === undefined || body === "" ? [] : [`${label}: a body, where the spec documents none for ${key}`];
}
