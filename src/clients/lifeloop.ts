import { createApiClient, type ApiClient, type ClientOptions } from "../runtime/create-client.ts";
import { bearerAuth } from "../runtime/auth.ts";
import { APIError } from "../runtime/errors.ts";
import {
  defaultServer,
  keyedOperations,
  type RequestBodyExtras,
  unsecuredOperations,
} from "../../generated/lifeloop/operations.ts";
import type { components, paths, webhooks } from "../../generated/lifeloop/schema.ts";

export type {
  paths as LifeLoopPaths,
  components as LifeLoopComponents,
  operations as LifeLoopOperations,
} from "../../generated/lifeloop/schema.ts";
export { lifeloopPages, type LifeLoopPageOptions } from "./lifeloop-pagination.ts";

type Schemas = components["schemas"];
export type Facility = Schemas["Facility"];
export type ResidentSummary = Schemas["ResidentSummary"];
export type Resident = Schemas["Resident"];
export type Connection = Schemas["Connection"];
export type Activity = Schemas["Activity"];
export type ActivityType = Schemas["ActivityType"];
export type PersonalActivity = Schemas["PersonalActivity"];
export type Registration = Schemas["Registration"];
export type AttendanceRecord = Schemas["AttendanceRecord"];
export type GroupActivity = Schemas["GroupActivity"];
export type Photo = Schemas["Photo"];
export type Thread = Schemas["Thread"];
export type Message = Schemas["Message"];
export type Announcement = Schemas["Announcement"];
export type LifeLoopError = Schemas["Error"];
/** Every webhook delivery the spec documents, discriminated by `eventType`. */
export type LifeLoopWebhookEvent = {
  [K in keyof webhooks]: webhooks[K]["post"]["requestBody"]["content"]["application/json"];
}[keyof webhooks];
export type LifeLoopWebhookEventType = LifeLoopWebhookEvent["eventType"];

// The generated paths with the `/{tenant}` prefix and the `tenant` path parameter removed.
type Flat<T> = { [K in keyof T]: T[K] } & {};
type NoTenant<Params> = Flat<
  Omit<Params, "path"> &
    (Params extends { path: infer P }
      ? keyof Omit<P, "tenant"> extends never
        ? { path?: never }
        : { path: Omit<P, "tenant"> }
      : {})
>;
type OperationNoTenant<Op> = Op extends { parameters: infer Params }
  ? Flat<Omit<Op, "parameters"> & { parameters: NoTenant<Params> }>
  : Op;
/** The LifeLoop paths as the client sees them: `/facilities/{facilityId}`, not `/{tenant}/facilities/{facilityId}`. */
export type TenantPaths = {
  [K in keyof paths as K extends `/{tenant}${infer Rest}` ? Rest : never]: {
    [M in keyof paths[K]]: M extends "parameters" ? NoTenant<paths[K][M]> : OperationNoTenant<paths[K][M]>;
  };
};

export interface LifeLoopClientOptions extends ClientOptions {
  /** A LifeLoop service token. Sent as `Authorization: Bearer …`. */
  token: string;
  /** Your tenant identifier (e.g. `sunrise-001`), filled into every path. */
  tenant: string;
  /** Defaults to the spec's server, https://api.lifeloop.com/api/v1. */
  baseUrl?: string;
}

export type LifeLoopClient = ApiClient<TenantPaths, RequestBodyExtras>;

/**
 * LifeLoop's documented quota: 600 requests a minute per service token, at most 600 in any 60 s
 * here (`burst / requestsPerSecond`). After a response with `X-RateLimit-Remaining: 0` the client
 * sends nothing until `X-RateLimit-Reset`. Pass one `new RateLimiter(LIFELOOP_RATE_LIMIT)` to every
 * client of one token, a raised quota as your own options, or `rateLimit: false`.
 */
export const LIFELOOP_RATE_LIMIT = { requestsPerSecond: 10, burst: 600, waitOnExhausted: true } as const;

/** An `APIError` whose body is LifeLoop's error: `status`, `message`, `details`, and `errors` on a 422. */
export type LifeLoopAPIError = APIError<LifeLoopError>;

/** Whether `error` is an `APIError` carrying LifeLoop's documented error body (narrows `error.error`). */
export function isLifeLoopAPIError(error: unknown): error is LifeLoopAPIError {
  const body = error instanceof APIError ? (error.error as Partial<LifeLoopError> | null) : undefined;
  const optional = (v: unknown, type: string) => v === undefined || typeof v === type;
  return (
    typeof body?.status === "number" &&
    typeof body.message === "string" &&
    optional(body.details, "string") &&
    (body.errors === undefined ||
      (Array.isArray(body.errors) &&
        body.errors.every((e) => typeof e?.field === "string" && typeof e.message === "string")))
  );
}

const TENANT = /^[a-z\d][\w-]{0,63}$/i; // a letter or digit, then letters, digits, _ or -

export function createLifeLoopClient(options: LifeLoopClientOptions): LifeLoopClient {
  const { token, tenant, baseUrl = defaultServer, ...rest } = options ?? ({} as LifeLoopClientOptions);
  const name = "createLifeLoopClient";
  // A missing or blank token throws MissingCredentialError (a TypeError) naming the option, never its value.
  const auth = bearerAuth(token, `${name}: \`token\``);
  if (typeof tenant !== "string" || !TENANT.test(tenant.trim()))
    throw new TypeError(`${name}: \`tenant\` must be 1-64 letters, digits, - or _.`);
  // After the spread, so that `rateLimit: undefined` keeps the default too.
  return createApiClient<TenantPaths, RequestBodyExtras>(
    { ...rest, rateLimit: rest.rateLimit ?? LIFELOOP_RATE_LIMIT },
    {
      name,
      // Checked whole by createApiClient (as `baseUrl`); TENANT leaves nothing to encode.
      baseUrl: `${String(baseUrl).replace(/\/+$/, "")}/${tenant.trim()}`,
      auth,
      // The generated tables name the paths without `/{tenant}` (the entry's pathPrefix).
      keyed: keyedOperations,
      unsecured: unsecuredOperations,
      responseSchemas: { api: "lifeloop", load: () => import("../../generated/lifeloop/operation-schemas.ts") },
    },
  );
}
