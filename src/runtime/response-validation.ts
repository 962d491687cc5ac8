/**
 * Response validation (`validateResponses: "report" | "throw"`): each answer checked against the
 * spec, drift reported once per client, or thrown as a ResponseValidationError. The client imports
 * this module, and the API's generated schemas, only when validation is on (a separate chunk), so a
 * client without it carries none of it.
 */
import { brand } from "./brand.ts";
import { APIError } from "./errors.ts";
import { type DriftProblem, place, responseProblems } from "../validation/response-problems.ts";
import { type OperationSchemas, specValidator } from "../validation/spec-validator.ts";

export type { DriftProblem } from "../validation/response-problems.ts";

/** `"off"` (the default): no check; `"report"`: `onDrift` hears of drift; `"throw"`: drift is a ResponseValidationError. */
export type ValidateResponses = "off" | "report" | "throw";

/** One answer that differs from the spec: the operation, its status, and each place that differs. */
export interface DriftReport {
  /** The API, as redocly.yaml names it (`lifeloop`, `loopmessage`, `loops`). */
  api: string;
  operationId: string;
  method: string;
  /** The path template, as the client's calls write it (`/facilities/{facilityId}`). */
  path: string;
  status: number;
  problems: DriftProblem[];
}

/** What `generated/<api>/operation-schemas.ts` exports. */
export interface ResponseSchemas {
  operationSchemas: OperationSchemas;
  routes: Record<string, string>;
}

/**
 * An answer that breaks the spec, in `validateResponses: "throw"` mode. `report` says where; the
 * `response` (its body already read) and the parsed `body` are there, not enumerable, so that
 * printing the error shows neither.
 */
export class ResponseValidationError extends APIError<undefined> {
  static {
    brand(this, "ResponseValidationError");
  }
  override name = "ResponseValidationError";
  declare readonly report: DriftReport;
  declare readonly response: Response;
  declare readonly body: unknown;

  constructor(report: DriftReport, response: Response, body: unknown) {
    const places = report.problems.map((p) => `${p.pointer || "(body)"} ${p.rule}`).join(", ");
    super(
      response.status,
      undefined,
      `${report.operationId} (${report.method} ${report.path}) answered ${report.status} unlike the spec: ${places}.`,
      response.headers,
    );
    this.report = report;
    Object.defineProperties(this, { response: { value: response }, body: { value: body } });
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), report: this.report };
  }
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
