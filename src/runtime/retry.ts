/**
 * Retry policy (pure functions; the loop that applies them is in request-loop.ts).
 *
 * What is retried: connection errors and timeouts, and responses 408, 429 and >= 500 — unless the
 * server says otherwise with `x-should-retry: true|false`. The hint only applies to error responses:
 * a success (2xx/3xx) is never resent, and neither is a 409: in these APIs it means a real conflict
 * (e.g. Loops "contact already exists"), not a transient lock.
 *
 * Which requests: only ones that are safe to send twice. Per RFC 9110 §9.2.2 GET, HEAD, OPTIONS,
 * PUT and DELETE are idempotent (a repeated DELETE may answer 404, but the server state is the
 * same). POST and PATCH are retried only for the operations whose spec declares an
 * `Idempotency-Key` header (the server honours the key, which stays the same across attempts). A
 * key on any other operation makes nothing safe: that server ignores it, and would act twice.
 */
import { numberOption } from "./options.ts";

export const DEFAULT_MAX_RETRIES = 2;
const INITIAL_RETRY_DELAY_MS = 500;
const MAX_RETRY_DELAY_MS = 8_000;
/** Retry-After values above this are capped (a server asking for minutes should not hang a call). */
export const MAX_RETRY_AFTER_MS = 60_000;

const NUMBER = /^\d+(\.\d+)?$/;
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/** May a request be sent more than once? `keyed`: its operation takes an Idempotency-Key (from the spec). */
export function isRetryableRequest(method: string, keyed: boolean): boolean {
  return keyed || IDEMPOTENT_METHODS.has(method);
}

/** Does this response call for another attempt? Never a success or a 409, whatever the hint. */
export function isRetryableResponse(response: Pick<Response, "status" | "headers">): boolean {
  const { status } = response;
  if (status < 400 || status === 409) return false; // before the header read: most responses end here
  const hint = response.headers.get("x-should-retry");
  return hint === "true" || (hint !== "false" && (status === 408 || status === 429 || status >= 500));
}

/** The three HTTP-date forms of RFC 9110 §5.6.7: IMF-fixdate, RFC 850, and asctime (GMT too, unsaid). */
const HTTP_DATE =
  /^(\w{3}, \d\d \w{3} \d{4} [\d:]{8} GMT|\w{6,9}, \d\d-\w{3}-\d\d [\d:]{8} GMT|(\w{3} \w{3} [ \d]\d [\d:]{8} \d{4}))$/;

/**
 * Milliseconds the server asked us to wait: `retry-after-ms`, else `Retry-After` as seconds or an
 * HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`, `Sunday, 06-Nov-94 08:49:37 GMT` or
 * `Sun Nov  6 08:49:37 1994`; anything else Date.parse would guess at, like `soon 5`, is ignored).
 * Undefined when absent or unparseable; never negative.
 */
export function parseRetryAfter(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms")?.trim();
  if (ms && NUMBER.test(ms)) return Number(ms);
  const ra = headers.get("retry-after")?.trim();
  if (!ra) return undefined;
  if (NUMBER.test(ra)) return Number(ra) * 1000;
  const form = HTTP_DATE.exec(ra);
  // asctime names no zone: it is GMT (without the suffix, Date.parse would read local time).
  const date = form ? Date.parse(form[2] ? `${ra} GMT` : ra) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff used when the server gives no Retry-After. */
export interface Backoff {
  /** Delay before the first retry. Default 500 ms. */
  initialDelayMs: number;
  /** Cap on the doubling. Default 8 000 ms. */
  maxDelayMs: number;
}

/** The backoff with its defaults filled in; NaN, negative or infinite values throw a RangeError. */
export function backoffOption(backoff: Partial<Backoff> | undefined): Backoff {
  return {
    initialDelayMs: numberOption(backoff?.initialDelayMs, "backoff.initialDelayMs", INITIAL_RETRY_DELAY_MS, 0),
    maxDelayMs: numberOption(backoff?.maxDelayMs, "backoff.maxDelayMs", MAX_RETRY_DELAY_MS, 0),
  };
}

/**
 * Delay before retry number `attempt + 1` (attempt counts from 0): the server's Retry-After capped at
 * MAX_RETRY_AFTER_MS, else initialDelayMs (0.5 s) × 2^attempt capped at maxDelayMs (8 s), minus up
 * to 25 % jitter.
 */
export function retryDelay(
  attempt: number,
  headers: Headers | undefined,
  backoff: Backoff,
  random = Math.random,
  now = Date.now(),
): number {
  const asked = headers && parseRetryAfter(headers, now);
  if (asked !== undefined) return Math.min(asked, MAX_RETRY_AFTER_MS);
  const base = Math.min(backoff.initialDelayMs * 2 ** attempt, backoff.maxDelayMs);
  return base * (1 - random() * 0.25);
}
