/**
 * Idempotency keys for the operations that accept one (Loops: POST /events/send, POST
 * /transactional). A key is generated when the caller sent none; it is set once on the Request,
 * so every retry (a clone) carries the same key. Other operations never get one generated.
 */
import type { Middleware } from "openapi-fetch";

export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

type PathsWith<Paths, M extends HttpMethod> = {
  [P in keyof Paths]: Paths[P] extends { [K in M]: object } ? P & string : never;
}[keyof Paths];

/** `"POST /events/send"`: an operation of `Paths`, as upper-case method, space, schema path. */
export type Operation<Paths> = { [M in HttpMethod]: `${Uppercase<M>} ${PathsWith<Paths, M>}` }[HttpMethod];

export interface IdempotencyOptions<Paths = Record<string, unknown>> {
  /** Operations whose server honours the key. */
  operations: readonly Operation<Paths>[];
  /** Header name. Default `Idempotency-Key`. */
  header?: string;
  /** Key generator. Default `crypto.randomUUID()`. */
  generate?: () => string;
}

export function idempotencyMiddleware(options: IdempotencyOptions<any>): Middleware {
  const ops = new Set<string>(options.operations);
  const header = options.header ?? "Idempotency-Key";
  const generate = options.generate ?? (() => crypto.randomUUID());
  return {
    onRequest({ request, schemaPath }) {
      if (ops.has(`${request.method} ${schemaPath}`) && !request.headers.get(header)) {
        request.headers.set(header, generate());
      }
    },
  };
}
