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

/** Most operations: no key, a credential, the client's base URL. */
const PLAIN: OperationFacts = Object.freeze({ keyed: false, secured: true, baseUrl: undefined });

/** A lookup `(METHOD, schemaPath) → facts`, keyed by method first (one map read for most calls). */
export function operationFacts(lists: OperationLists): (method: string, schemaPath: string) => OperationFacts {
  const table = new Map<string, Map<string, OperationFacts>>();
  const entry = (op: string) => {
    const space = op.indexOf(" ");
    const method = op.slice(0, space);
    const path = op.slice(space + 1);
    const paths = table.get(method) ?? table.set(method, new Map()).get(method)!;
    const facts = paths.get(path) ?? { ...PLAIN };
    paths.set(path, facts);
    return facts;
  };
  for (const op of lists.keyed ?? []) entry(op).keyed = true;
  for (const op of lists.unsecured ?? []) entry(op).secured = false;
  for (const [op, baseUrl] of Object.entries(lists.baseUrls ?? {})) entry(op).baseUrl = baseUrl;
  return (method, schemaPath) => table.get(method)?.get(schemaPath) ?? PLAIN;
}
