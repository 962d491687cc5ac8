/**
 * Path-parameter safety. openapi-fetch encodes path params with encodeURIComponent, which leaves
 * `.` and `..` alone, and `new Request()` then collapses them: `/contacts/{id}` with id `..` becomes
 * `/` (openapi-typescript issue #2483). A missing param is left as a literal `{id}`. The client
 * rejects empty, blank, `.`, `..` and missing values before anything is built or sent.
 */
import { brand } from "./brand.ts";

export class PathParamError extends Error {}
brand(PathParamError, "PathParamError");

/** `{name}`, and the label, matrix and explode forms `{.name}`, `{;name}`, `{name*}`: the name. */
const PLACEHOLDER = /\{[.;]?([^{}]*?)\*?\}/g;

/** Throws PathParamError if a value for `schemaPath` would produce an unsafe or unintended URL. */
export function assertSafePathParams(schemaPath: string, path: Record<string, unknown> | undefined): void {
  // Parsed on every call (about 0.2 µs on Node 20): a cache would cost more code than it saves time.
  for (const [, name] of schemaPath.matchAll(PLACEHOLDER)) {
    const value = path?.[name!];
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
