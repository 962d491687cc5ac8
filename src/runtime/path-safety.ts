/**
 * Path-parameter safety. openapi-fetch encodes path params with encodeURIComponent, which leaves
 * `.` and `..` alone, and `new Request()` then collapses them: `/contacts/{id}` with id `..` becomes
 * `/` (openapi-typescript issue #2483). A missing param is left as a literal `{id}`. The client
 * rejects empty, blank, `.`, `..` and missing values before anything is built or sent.
 */

export class PathParamError extends Error {
  override name = "PathParamError";
}

const PLACEHOLDER = /\{([^{}]+)\}/g;

/** Parameter names per schema path, parsed once (a client calls the same few paths again and again). */
const namesCache = new Map<string, string[]>();
function paramNames(schemaPath: string): string[] {
  let names = namesCache.get(schemaPath);
  if (!names) {
    names = [...schemaPath.matchAll(PLACEHOLDER)].map(([, raw]) => raw!.replace(/^[.;]|\*$/g, ""));
    if (namesCache.size < 1_000) namesCache.set(schemaPath, names);
  }
  return names;
}

/** Throws PathParamError if a value for `schemaPath` would produce an unsafe or unintended URL. */
export function assertSafePathParams(schemaPath: string, path: Record<string, unknown> | undefined): void {
  for (const name of paramNames(schemaPath)) {
    const value = path?.[name];
    const values = Array.isArray(value) ? value : value && typeof value === "object" ? Object.values(value) : [value];
    const missing = value == null || !values.length;
    // Blank, "." or "..", after trimming as String.trim does.
    const bad = values.map((v) => String(v ?? "")).find((s) => /^\s*\.{0,2}\s*$/.test(s));
    if (missing || bad !== undefined)
      throw new PathParamError(
        `Path parameter "${name}" of ${schemaPath} ${missing ? "is missing" : `must not be empty, ".", or ".." (got ${JSON.stringify(bad)})`}.`,
      );
  }
}
