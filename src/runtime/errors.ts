/**
 * One error hierarchy for the three clients, built in one place (`APIError.from`).
 *
 *   Error
 *   └─ APIError                       any non-2xx response (status, redacted headers, typed body)
 *      ├─ BadRequestError 400, AuthenticationError 401, PermissionDeniedError 403,
 *      │  NotFoundError 404, ConflictError 409, UnprocessableEntityError 422,
 *      │  RateLimitError 429, InternalServerError >=500
 *      ├─ ResponseTooLargeError       the body is over `maxResponseBytes` (status of the response)
 *      ├─ APIConnectionError          no (whole) response: a network failure   status undefined
 *      │  └─ APITimeoutError          a timeout or the call's deadline fired
 *      └─ APIUserAbortError           the caller's AbortSignal fired
 *
 * Headers are stored redacted and registered secrets are scrubbed from the message and body, so
 * no credential reaches `message`, `toString()`, `JSON.stringify` or `util.inspect`.
 */
import { brand } from "./brand.ts";
import { redactHeaders, scrub } from "./redact.ts";

const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-amzn-requestid", "x-correlation-id"];

export class APIError<TBody = unknown> extends Error {
  /** HTTP status, or undefined when no response was received. */
  declare readonly status: number | undefined;
  /** Response headers, with credential headers redacted. */
  declare readonly headers: Headers | undefined;
  /** The vendor's error body (parsed JSON when possible, else text). */
  declare readonly error: TBody | undefined;
  /** Request id from a common response header, if the server sent one. */
  declare readonly requestId: string | undefined;

  constructor(status: number | undefined, body: TBody | undefined, message: string | undefined, headers?: HeadersInit) {
    // The body is scrubbed before the message is made from it: JSON.stringify would escape a
    // secret holding `"` or `\` into a form the text scrub might not know.
    const error = scrub(body);
    super(scrub(message ?? makeMessage(status, error)));
    this.status = status;
    const redacted = headers && redactHeaders(headers);
    this.headers = redacted;
    this.error = error;
    this.requestId = REQUEST_ID_HEADERS.map((h) => redacted?.get(h)).find((v) => v) as string | undefined;
  }

  /** Build the right subclass for a response and its (already read) body. */
  static from<TBody>(response: Pick<Response, "status" | "headers">, body: TBody): APIError<TBody> {
    const { status, headers } = response;
    const Ctor = STATUS_CLASSES[status] ?? (status >= 500 ? InternalServerError : (APIError as typeof APIError<TBody>));
    return new Ctor(status, body, undefined, headers) as APIError<TBody>;
  }

  toJSON(): Record<string, unknown> {
    const { name, message, status, requestId, error, headers } = this;
    return { name, message, status, requestId, error, headers: headers && Object.fromEntries(headers) };
  }
}

export class BadRequestError<T = unknown> extends APIError<T> {}
export class AuthenticationError<T = unknown> extends APIError<T> {}
export class PermissionDeniedError<T = unknown> extends APIError<T> {}
export class NotFoundError<T = unknown> extends APIError<T> {}
export class ConflictError<T = unknown> extends APIError<T> {}
export class UnprocessableEntityError<T = unknown> extends APIError<T> {}
export class RateLimitError<T = unknown> extends APIError<T> {}
export class InternalServerError<T = unknown> extends APIError<T> {}

const STATUS_CLASSES: Record<number, typeof APIError<any>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

export class APIConnectionError extends APIError<undefined> {
  constructor(message = "Connection error.", options?: { cause?: unknown }) {
    super(undefined, undefined, message);
    Object.assign(this, options); // `cause`, when given
  }
}

export class APITimeoutError extends APIConnectionError {
  constructor(timeoutMs?: number, message?: string) {
    super(message ?? `Request timed out${timeoutMs === undefined ? "" : ` after ${timeoutMs} ms`}.`);
  }
}

/** The response body is larger than the client's `maxResponseBytes`; it was not read. Never retried. */
export class ResponseTooLargeError extends APIError<undefined> {
  /** The limit, in bytes. */
  declare readonly limit: number;
  constructor(response: Pick<Response, "status" | "headers">, limit: number) {
    super(
      response.status,
      undefined,
      `${response.status} response body over maxResponseBytes (${limit} bytes).`,
      response.headers,
    );
    this.limit = limit;
  }
}

export class APIUserAbortError extends APIError<undefined> {
  constructor(options?: { cause?: unknown }) {
    super(undefined, undefined, "Request was aborted.");
    Object.assign(this, options); // `cause`, when given
  }
}

// Each class's `name` (on its prototype) and its brand: `instanceof` across builds and copies (brand.ts).
for (const [name, Class] of Object.entries({
  APIError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  APIConnectionError,
  APITimeoutError,
  ResponseTooLargeError,
  APIUserAbortError,
}))
  brand(Class, name);

/** `<status> <detail>`: the detail (from a scrubbed body) is cut to 500 characters. */
function makeMessage(status: number | undefined, body: unknown): string {
  const detail = describe(body)?.slice(0, 500);
  return `${status ?? "Error"}${detail ? ` ${detail}` : " status code (no body)"}`;
}

/**
 * The vendor's message, wherever the three APIs put it: `message`, `error`, `error.message`,
 * `detail`; then LifeLoop's `details` and each field a 422 names (`errors: [{ field, message }]`),
 * so the message says which field was refused and why.
 */
function describe(body: unknown): string | undefined {
  // Optional reads of anything (a string's `.message` is undefined): the first non-empty string wins.
  const b = body as
    | { message?: unknown; error?: { message?: unknown }; detail?: unknown; details?: unknown; errors?: unknown }
    | null
    | undefined;
  const text = (m: unknown) => typeof m === "string" && m;
  const main = [body, b?.message, b?.error, b?.error?.message, b?.detail].find(text);
  const fields = Array.isArray(b?.errors) ? b.errors.map((e) => text(e?.field) && `${e.field}: ${e.message}`) : [];
  if (main) return [main, b?.details, ...fields].filter(text).join("; ");
  if (b && typeof b === "object")
    try {
      return JSON.stringify(b);
    } catch {
      // a cycle or a BigInt: only a caller's own body can hold one
    }
  return undefined;
}

/** An openapi-fetch result: `{ data, response }` on success, `{ error, response }` otherwise. */
export interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The success data type of an openapi-fetch result. */
export type DataOf<R> = R extends { data: infer D; error?: never }
  ? D
  : R extends { error?: never }
    ? undefined
    : never;
/** The error body type of an openapi-fetch result. */
export type ErrorOf<R> = R extends { data?: never; error: infer E } ? E : never;

/**
 * The throwing style: the data of a successful openapi-fetch result, or the typed `APIError`
 * subclass for its status. `const contact = unwrap(await client.GET('/contacts/find', …))`.
 */
export function unwrap<R extends FetchResult>(result: R): DataOf<R> {
  if (result.response.ok) return result.data as DataOf<R>;
  throw APIError.from(result.response, result.error as ErrorOf<R>);
}
