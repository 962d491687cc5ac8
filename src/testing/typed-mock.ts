/**
 * The types of a mock, from an API's generated `operations` interface (openapi-typescript): its
 * operation ids, the statuses each documents and the JSON body of each, so that `respond` cannot
 * be given an answer the spec never documents.
 */
import type { MockCall, SpecMock } from "./spec-mock.ts";

type RangeKey = "1XX" | "2XX" | "3XX" | "4XX" | "5XX" | "default";
type JsonBody<R> = R extends { content: infer C }
  ? C extends { "application/json": infer B }
    ? B
    : C[keyof C]
  : never;

/** The responses an operation documents, by status (`200`) or range (`4XX`, `default`). */
export type ResponsesOf<Ops, Id extends keyof Ops> = Ops[Id] extends { responses: infer R } ? R : never;

/** A status `respond` accepts: a documented one, or any number when a range or `default` is documented. */
export type StatusOf<R> = (keyof R & number) | ([Extract<keyof R, RangeKey>] extends [never] ? never : number);

/** The JSON body documented for `status` (through its range or `default` when it has no entry of its own). */
export type BodyOf<R, S> = S extends keyof R ? JsonBody<R[S]> : JsonBody<R[Extract<keyof R, RangeKey>]>;

export interface Answer<R, S> {
  status: S;
  /** Checked against the status's schema; without it, the spec's example for that status. */
  body?: BodyOf<R, S>;
  headers?: Record<string, string>;
}

export interface TypedMock<Ops> extends Omit<SpecMock<keyof Ops & string>, "respond"> {
  readonly calls: readonly MockCall<keyof Ops & string>[];
  /**
   * From now on, answer valid requests of `operationId` with `answer` (until `reset`). Throws a
   * TypeError when the spec does not document the status or the body breaks its schema.
   */
  respond<Id extends keyof Ops & string, S extends StatusOf<ResponsesOf<Ops, Id>>>(
    operationId: Id,
    answer: Answer<ResponsesOf<Ops, Id>, S>,
  ): void;
}
