/**
 * What the spec says about each operation, as the runtime needs it per call: whether it takes an
 * `Idempotency-Key` (a key is generated and the call may be retried), whether its security asks
 * for a credential (none is sent otherwise), and its base URL when it is not the client's. The
 * lists come from the generated tables (`generated/<api>/operations.ts`).
 */
export type HttpMethod = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";

type PathsWith<Paths, M extends HttpMethod> = {
  [P in keyof Paths]: Paths[P] extends { [K in M]: object } ? P & string : never;
}[keyof Paths];

/** `"POST /events/send"`: an operation of `Paths`, as upper-case method, space, schema path. */
export type Operation<Paths> = { [M in HttpMethod]: `${Uppercase<M>} ${PathsWith<Paths, M>}` }[HttpMethod];

export interface OperationFacts {
  keyed: boolean;
  secured: boolean;
  /** Undefined: the client's base URL. */
  baseUrl: string | undefined;
}

export interface OperationLists {
  /** Operations that take an `Idempotency-Key` header. */
  keyed?: readonly string[] | undefined;
  /** Operations whose security asks for no credential. */
  unsecured?: readonly string[] | undefined;
  /** Operation → base URL, for the operations not on the client's base URL. */
  baseUrls?: Readonly<Record<string, string>> | undefined;
}

/** A lookup `(METHOD, schemaPath) → facts`. */
export function operationFacts(lists: OperationLists): (method: string, schemaPath: string) => OperationFacts {
  const keyed = new Set(lists.keyed);
  const unsecured = new Set(lists.unsecured);
  const baseUrls = new Map(Object.entries(lists.baseUrls ?? {}));
  return (method, schemaPath) => {
    const op = `${method} ${schemaPath}`;
    return { keyed: keyed.has(op), secured: !unsecured.has(op), baseUrl: baseUrls.get(op) };
  };
}
