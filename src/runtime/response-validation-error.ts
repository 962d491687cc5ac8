/**
 * What response validation hands out: the report of an answer that differs from the spec, and
 * `ResponseValidationError` ("throw" mode). Apart from the check (response-validation.ts) so that
 * `loop-api-clients/runtime` exports the error without loading the validators.
 */
import { brand } from "./brand.ts";
import { APIError } from "./errors.ts";
import type { DriftProblem } from "../validation/response-problems.ts";

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
