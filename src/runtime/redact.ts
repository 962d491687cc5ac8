/**
 * Secret hygiene. Two tools, both used by every error the runtime builds:
 * - `redactHeaders` copies a header set with credential-bearing headers replaced by `[REDACTED]`;
 * - `scrub` removes registered secrets (API keys, tokens, webhook secrets) from any text or value,
 *   in case a server echoes one back in an error body. Auth helpers and webhook verifiers register
 *   the secrets they are given; nothing else needs to.
 */

export const REDACTED = "[REDACTED]";

/** Headers whose values are credentials, in any of the three APIs or in common use (lowercase). */
export const SECRET_HEADERS: ReadonlySet<string> = new Set([
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "api-key",
  "x-auth-token",
  "loop-secret-key",
  "x-lifeloop-signature",
]);

const secrets = new Set<string>();

/**
 * Remember a secret so `scrub` removes it. Very short values are ignored (they would mangle text).
 * Nothing is ever dropped (a dropped key would leak from a still-live client's errors): the set
 * grows by one entry per distinct key or secret, which stays small for any realistic number of
 * tenants.
 */
export function registerSecret(secret: string): void {
  if (secret.length > 5) secrets.add(secret);
}

/** Replace every registered secret in `value` (strings, arrays, plain objects; deep) with `[REDACTED]`. */
export function scrub<T>(value: T): T {
  if (typeof value === "string") {
    let s: string = value;
    for (const secret of secrets) s = s.split(secret).join(REDACTED);
    return s as T;
  }
  if (Array.isArray(value)) return value.map(scrub) as T;
  if (value && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = scrub(v);
    return out as T;
  }
  return value;
}

/** A copy of `headers` with credential headers redacted and registered secrets scrubbed. */
export function redactHeaders(headers: HeadersInit | undefined): Headers {
  const out = new Headers();
  for (const [k, v] of new Headers(headers)) out.append(k, SECRET_HEADERS.has(k) ? REDACTED : scrub(v));
  return out;
}
