// The fault suite's invariants, as functions of the server's record of every call (checks.test.ts
// feeds them bad records). Each returns the calls that break it, described.
import { type Answer, isFault, outcomeOf } from "./faults.ts";

/**
 * How often a call may be sent: `safe` (GET, HEAD, OPTIONS, PUT, DELETE: idempotent by RFC 9110
 * §9.2.2) and `keyed` (the spec gives it an Idempotency-Key) may be retried; `unsafe` never.
 */
export type Kind = "safe" | "keyed" | "unsafe";

const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/** The kind of an operation of the generated tables. */
export const kindOf = (op: { method: string; idempotencyKey: boolean }): Kind =>
  op.idempotencyKey ? "keyed" : IDEMPOTENT.has(op.method.toUpperCase()) ? "safe" : "unsafe";

/** One attempt as the server saw it. */
export interface Attempt {
  answer: Answer;
  /** The server acted on it (answered 2xx, wholly or not): a keyed call's key is used from then on. */
  acted: boolean;
  key: string | undefined;
}

export interface CallRecord {
  /** Unique per call (sent as `X-Fault-Id`). */
  id: string;
  api: string;
  operationId: string;
  kind: Kind;
  /** The Idempotency-Key the caller gave the call itself, if any: the runtime must send it as is. */
  callerKey?: string;
  /** Every attempt that reached the server, in order. */
  attempts: Attempt[];
  /** Set by the driver: "success", the typed error's name, "untyped" or "hang". */
  outcome?: string;
}

/** Calls that are not safe to send twice and reached the server more than once. */
export const sentTwice = (calls: readonly CallRecord[]): string[] =>
  calls
    .filter((c) => c.kind === "unsafe" && c.attempts.length > 1)
    .map((c) => `${c.id}: ${c.attempts.length} arrivals`);

/** Keyed calls the server acted on more than once (had a retry changed the key, it would). */
export const actedTwice = (calls: readonly CallRecord[]): string[] =>
  calls
    .filter((c) => c.kind === "keyed" && c.attempts.filter((a) => a.acted).length > 1)
    .map((c) => `${c.id}: answered 2xx ${c.attempts.filter((a) => a.acted).length} times`);

/**
 * Keyed calls with an attempt without a key, more than one key, another key than the caller gave,
 * or a key another call sent too.
 */
export function keyProblems(calls: readonly CallRecord[]): string[] {
  const owner = new Map<string, string>();
  const problems: string[] = [];
  for (const call of calls.filter((c) => c.kind === "keyed")) {
    const keys = new Set(call.attempts.map((a) => a.key));
    if (keys.has(undefined)) problems.push(`${call.id}: an attempt without a key`);
    else if (keys.size > 1) problems.push(`${call.id}: ${keys.size} keys across its attempts`);
    else if (call.callerKey !== undefined && !keys.has(call.callerKey))
      problems.push(`${call.id}: not the caller's key`);
    for (const key of keys) {
      if (key === undefined) continue;
      const first = owner.get(key);
      if (first === undefined) owner.set(key, call.id);
      else problems.push(`${call.id}: the key of ${first}`);
    }
  }
  return problems;
}

/**
 * Calls that may be retried but were not after a fault with retries left, or that were sent more
 * than 1 + `maxRetries` times. (Every fault is retryable; only the last attempt can end a call.)
 */
export function retryProblems(calls: readonly CallRecord[], maxRetries: number): string[] {
  const problems: string[] = [];
  for (const call of calls.filter((c) => c.kind !== "unsafe")) {
    const last = call.attempts.at(-1);
    if (call.attempts.length > maxRetries + 1) problems.push(`${call.id}: ${call.attempts.length} attempts`);
    else if (last && isFault(last.answer) && call.attempts.length <= maxRetries)
      problems.push(`${call.id}: not retried after ${last.answer} (attempt ${call.attempts.length})`);
  }
  return problems;
}

/**
 * Calls whose result is not what their last answer calls for (a 503 ends as InternalServerError, a
 * body cut as APIConnectionError, a healthy answer as success, …). Untyped throws and hangs are
 * counted apart.
 */
export function wrongOutcomes(calls: readonly CallRecord[]): string[] {
  const problems: string[] = [];
  for (const call of calls) {
    if (call.outcome === undefined || call.outcome === "untyped" || call.outcome === "hang") continue;
    const last = call.attempts.at(-1)?.answer;
    if (last === undefined || call.outcome !== outcomeOf[last])
      problems.push(`${call.id}: ${call.outcome} after ${last ?? "no attempt"}`);
  }
  return problems;
}
