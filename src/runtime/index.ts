/**
 * The shared client runtime. Client factories import from the concern modules directly (so a
 * bundle does not pull in node:crypto from webhooks.ts); applications may use this barrel.
 */
export { createApiClient, type ApiClient, type ApiClientOptions } from "./create-client.ts";
export { bearerAuth, headerAuth, requireCredential, MissingCredentialError, type Auth } from "./auth.ts";
export {
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
  APIUserAbortError,
  unwrap,
  type DataOf,
  type ErrorOf,
  type FetchResult,
} from "./errors.ts";
export {
  DEFAULT_MAX_RETRIES,
  isRetryableRequest,
  isRetryableResponse,
  parseRetryAfter,
  retryDelay,
  type Backoff,
} from "./retry.ts";
export { DEFAULT_TIMEOUT_MS, type FetchFn } from "./timeout.ts";
export type { RequestOverrides } from "./transport.ts";
export { TokenBucket, type RateLimitInfo, type RateLimitOptions } from "./rate-limit.ts";
export { idempotencyMiddleware, type IdempotencyOptions, type Operation } from "./idempotency.ts";
export {
  paginate,
  pageSizePages,
  numPagesPages,
  cursorPages,
  PaginationError,
  type Page,
  type PageAdapter,
  type Paginated,
} from "./pagination.ts";
export { assertSafePathParams, pathSafety, PathParamError } from "./path-safety.ts";
export { redactHeaders, registerSecret, scrub, SECRET_HEADERS } from "./redact.ts";
