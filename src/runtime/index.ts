/**
 * The runtime's public API (`loop-api-clients/runtime`): errors and `unwrap`, the rate limiter
 * that several clients may share, the generic paginator, and the option and result types. Each
 * client module exports its own paginator (`loopsPages` from `loop-api-clients/loops`, …).
 * Client factories import the concern modules directly (so a bundle does not pull in node:crypto
 * from webhooks.ts).
 */
export type { ApiClient, ClientOptions } from "./create-client.ts";
export { MissingCredentialError } from "./auth.ts";
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
  ResponseTooLargeError,
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  unwrap,
  type DataOf,
  type ErrorOf,
  type FetchResult,
} from "./errors.ts";
export type { Backoff } from "./retry.ts";
export type { FetchFn } from "./timeout.ts";
export { RateLimiter, type RateLimiterLike, type RateLimitInfo, type RateLimitOptions } from "./rate-limit.ts";
export {
  paginate,
  PaginationError,
  type Page,
  type PageAdapter,
  type PageLimits,
  type Paginated,
} from "./pagination.ts";
export { PathParamError } from "./path-safety.ts";
