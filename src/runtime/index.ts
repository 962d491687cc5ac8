/**
 * The runtime's public API (`loop-api-clients/runtime`): errors and `unwrap`, the rate limiter
 * that several clients may share, the generic paginator, and the option and result types. Each
 * client module exports its own paginator (`loopsPages` from `loop-api-clients/loops`, …).
 * Client factories import the concern modules directly, so a client's bundle leaves the webhook
 * receivers and their JSON Schema validator out.
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
export {
  ResponseValidationError,
  type DriftProblem,
  type DriftReport,
  type ValidateResponses,
} from "./response-validation-error.ts";
export type { Backoff } from "./retry.ts";
export type { FetchFn } from "./request-loop.ts";
export { type Limiter, RateLimiter, type RateLimitInfo, type RateLimitOptions } from "./rate-limit.ts";
export {
  paginate,
  PaginationError,
  type Page,
  type PageAdapter,
  type PageLimits,
  type Paginated,
} from "./pagination.ts";
export { PathParamError } from "./path-safety.ts";
