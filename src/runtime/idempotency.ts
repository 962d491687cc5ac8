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

/** Sets a generated key on `headers` when `method` + `schemaPath` is one of the operations and none is set. */
export function idempotencyKeys(
  options: IdempotencyOptions<any>,
): (method: string, schemaPath: string, headers: Headers) => void {
  // Keyed by method first: most calls (GETs) are answered by one property read, no string built.
  const ops = new Map<string, Set<string>>();
  for (const op of options.operations as string[]) {
    const space = op.indexOf(" ");
    const method = op.slice(0, space);
    ops.set(method, (ops.get(method) ?? new Set()).add(op.slice(space + 1)));
  }
  const header = options.header ?? "Idempotency-Key";
  const generate = options.generate ?? (() => crypto.randomUUID());
  return (method, schemaPath, headers) => {
    if (ops.get(method)?.has(schemaPath) && !headers.get(header)) headers.set(header, generate());
  };
}

export function idempotencyMiddleware(options: IdempotencyOptions<any>): Middleware {
  const keys = idempotencyKeys(options);
  return {
    onRequest({ request, schemaPath }) {
      keys(request.method, schemaPath, request.headers);
    },
  };
}
