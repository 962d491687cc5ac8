/**
 * Response validation (`validateResponses: "report" | "throw"`): each answer checked against the
 * spec (src/validation), drift reported once per client, or thrown as a ResponseValidationError
 * (response-validation-error.ts). The client imports
 * this module, and the API's generated schemas, only when validation is on (a separate chunk), so a
 * client without it carries none of it.
 */
import { type DriftReport, ResponseValidationError, type ValidateResponses } from "./response-validation-error.ts";
import { place, responseProblems } from "../validation/response-problems.ts";
import { type OperationSchemas, specValidator } from "../validation/spec-validator.ts";

export { ResponseValidationError, type DriftReport, type ValidateResponses } from "./response-validation-error.ts";

/** What `generated/<api>/operation-schemas.ts` exports. */
export interface ResponseSchemas {
  operationSchemas: OperationSchemas;
  routes: Record<string, string>;
}

/** How many problems a client remembers having reported; past it, the oldest is forgotten. */
export const REMEMBERED_PROBLEMS = 1000;

export type DriftCheck = (
  mode: Exclude<ValidateResponses, "off">,
  method: string,
  path: string,
  result: { data?: unknown; error?: unknown; response: Response },
) => void;

/**
 * A client's check of its answers. A problem (operation, status, place, rule) goes to `onDrift`
 * the first time it is seen; in "throw" mode every answer with a problem throws.
 */
export function driftCheck(api: string, schemas: ResponseSchemas, onDrift?: (report: DriftReport) => void): DriftCheck {
  const validator = specValidator(schemas.operationSchemas);
  const reported = new Set<string>();
  const isNew = (key: string) => {
    if (reported.has(key)) return false;
    if (reported.size >= REMEMBERED_PROBLEMS) reported.delete(reported.values().next().value!);
    reported.add(key);
    return true;
  };
  return (mode, method, path, { data, error, response }) => {
    const operationId = schemas.routes[`${method} ${path}`];
    if (operationId === undefined) return;
    const { status } = response;
    const body = response.ok ? data : error;
    const problems = responseProblems(validator, operationId, status, body);
    if (problems.length === 0) return;
    const report: DriftReport = { api, operationId, method, path, status, problems };
    const fresh = problems.filter((p) => isNew(`${operationId} ${status} ${place(p.pointer)} ${p.rule}`));
    if (onDrift && fresh.length > 0) onDrift({ ...report, problems: fresh });
    if (mode === "throw") throw new ResponseValidationError(report, response, body);
  };
}
