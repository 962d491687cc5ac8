/**
 * The clients' call signatures, typed so that a misspelt key is a compile error.
 *
 * openapi-fetch infers each call's options as a type parameter of their own (`Init`), and an
 * object literal checked against its own inferred type has no excess keys: a misspelt optional
 * field passes (openapi-typescript issue #1769). Here only the path and `parseAs` are inferred;
 * the options are then checked against the operation's concrete type, so TypeScript's excess
 * property check applies to `body` and `params` at every depth ("Object literal may only specify
 * known properties, and 'x' does not exist in type …").
 *
 * A body whose schema allows other properties (Loops' custom contact properties) would take
 * anything its index signature's union takes (which must cover the named fields too): for those,
 * `Extras` (generated from the spec, `RequestBodyExtras`) gives the values the spec allows, and
 * every key the schema does not name is checked against it. Types only: nothing runs.
 */
import type { Client, FetchOptions, FetchResponse, ParseAs } from "openapi-fetch";
import type { HttpMethod, MediaType, PathsWithMethod, RequiredKeysOf } from "openapi-typescript-helpers";
import type { ValidateResponses } from "./response-validation-error.ts";

/** What one call may set besides openapi-fetch's options (read by the runtime, never sent). */
export interface CallOptions {
  /** Retries after the first attempt, for this call (requests safe to send twice only). */
  maxRetries?: number | undefined;
  /** Per-attempt timeout of this call, in ms. */
  timeoutMs?: number | undefined;
  /** Deadline of this call (all attempts and waits), in ms. */
  deadlineMs?: number | undefined;
  /** Response validation for this call: `"off"`, `"report"` (to the client's `onDrift`) or `"throw"`. */
  validateResponses?: ValidateResponses | undefined;
}

/** The body without its index signature (per member of a union). */
type Named<T> = T extends unknown
  ? { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] }
  : never;
/** The keys a body names, across the members of a union. */
type NamedKeys<T> = T extends unknown ? keyof Named<T> : never;

/**
 * The body's named fields, and each other key of `B` (the body given, inferred from this mapped
 * type's keys) held to `Extra`.
 */
type OpenBody<Body, B, Extra> = Named<Body> & { [K in keyof B]: K extends NamedKeys<Body> ? unknown : Extra };

/** The extra-property values of an operation's body, or never when its schema sets none. */
type ExtraOf<Extras, Path, Method> = Path extends keyof Extras
  ? Method extends keyof Extras[Path]
    ? Extras[Path][Method]
    : never
  : never;

/** The options of one call: openapi-fetch's, the runtime's, and `parseAs` kept as given. */
type Options<Op, P, B, Extra> = ([Extra] extends [never]
  ? FetchOptions<Op>
  : Omit<FetchOptions<Op>, "body"> &
      ("body" extends RequiredKeysOf<FetchOptions<Op>>
        ? { body: OpenBody<NonNullable<FetchOptions<Op>["body"]>, B, Extra> }
        : { body?: OpenBody<NonNullable<FetchOptions<Op>["body"]>, B, Extra> })) &
  CallOptions & { parseAs?: P };

/**
 * The options argument: required when the operation has a required field, and optional when the
 * path is not one of the API's (`Path` is then the union of them all), so that the error names the
 * path instead of the missing argument.
 */
type OptionsArg<Path, O> = [Path] extends [IsOne<Path>]
  ? RequiredKeysOf<O> extends never
    ? [init?: O]
    : [init: O]
  : [init?: O];
type IsOne<T, All = T> = T extends unknown ? ([All] extends [T] ? T : never) : never;

type Response<Op, P, Media extends MediaType> = Promise<FetchResponse<Op & {}, { parseAs: P }, Media>>;

/** `GET`, `POST`, …: openapi-fetch's method, with the options checked exactly. */
export type ExactMethod<Paths extends {}, Method extends HttpMethod, Extras, Media extends MediaType = MediaType> = <
  Path extends PathsWithMethod<Paths, Method>,
  P extends ParseAs = "json",
  B = unknown,
>(
  url: Path,
  ...init: OptionsArg<Path, Options<Paths[Path][Method & keyof Paths[Path]], P, B, ExtraOf<Extras, Path, Method>>>
) => Response<Paths[Path][Method & keyof Paths[Path]], P, Media>;

/** `request(method, path, options)`, checked the same way. */
export type ExactRequest<Paths extends {}, Extras, Media extends MediaType = MediaType> = <
  Method extends HttpMethod,
  Path extends PathsWithMethod<Paths, Method>,
  P extends ParseAs = "json",
  B = unknown,
>(
  method: Method,
  url: Path,
  ...init: OptionsArg<Path, Options<Paths[Path][Method & keyof Paths[Path]], P, B, ExtraOf<Extras, Path, Method>>>
) => Response<Paths[Path][Method & keyof Paths[Path]], P, Media>;

type Methods = "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";

/** openapi-fetch's client with every call signature checked exactly. */
export type ExactClient<Paths extends {}, Extras = {}> = Omit<Client<Paths>, Methods | "request"> & {
  request: ExactRequest<Paths, Extras>;
} & { [M in Methods]: ExactMethod<Paths, Lowercase<M>, Extras> };
