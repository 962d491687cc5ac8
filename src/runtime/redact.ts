/**
 * Secret hygiene. Two tools, both used by every error the runtime builds:
 * - `redactHeaders` copies a header set with credential-bearing headers replaced by `[REDACTED]`;
 * - `scrub` removes registered secrets (API keys, tokens, webhook secrets) from any text or value,
 *   in case a server echoes one back in an error body. Auth helpers and webhook verifiers register
 *   the secrets they are given; nothing else needs to.
 */

export const REDACTED = "[REDACTED]";
/** What a value nested deeper than MAX_DEPTH becomes (JSON.stringify and recursion fail near 10^4 levels). */
export const TRUNCATED = "[TRUNCATED]";
const MAX_DEPTH = 64;

/** Headers whose values are credentials, in any of the three APIs or in common use (lowercase). */
const SECRET_HEADERS: ReadonlySet<string> = new Set([
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

/** Every registered secret, and the form it takes inside a JSON string when that differs (`"`, `\`, tab…). */
const secrets = new Set<string>();

/**
 * Remember a secret so `scrub` removes it, whatever its length: a secret too short to scrub
 * without mangling text must be refused where it is configured, not silently left unredacted.
 * Nothing is ever dropped (a dropped key would leak from a still-live client's errors): the set
 * grows by one or two entries per distinct key or secret.
 */
export function registerSecret(secret: string): void {
  if (!secret) return;
  // The secret, and its form inside a JSON string (one entry when nothing needs escaping).
  secrets.add(secret).add(JSON.stringify(secret).slice(1, -1));
}

/**
 * `text` with every stretch covered by a registered secret replaced by one `[REDACTED]`. Secrets may
 * overlap (a webhook secret inside an API key, or two that share an edge in the text): their spans
 * are merged first, so no part of either survives whatever order they were registered in.
 */
function scrubText(text: string): string {
  const spans: [number, number][] = [];
  for (const secret of secrets)
    for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1))
      spans.push([at, at + secret.length]);
  if (!spans.length) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let out = "";
  let end = 0; // where the last merged span ends
  for (const [start, stop] of spans) {
    if (start > end || !out) out += text.slice(end, start) + REDACTED;
    end = Math.max(end, stop);
  }
  return out + text.slice(end);
}

function scrubValue(value: unknown, depth: number): unknown {
  if (typeof value === "string") return scrubText(value);
  if (!value || typeof value !== "object") return value;
  if (depth >= MAX_DEPTH) return TRUNCATED;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  // fromEntries defines own properties: a `"__proto__"` key from JSON.parse stays one (assignment would set the prototype).
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [scrubText(k), scrubValue(v, depth + 1)]));
}

/**
 * A copy of `value` (strings, arrays, plain objects, keys included) with every registered secret
 * replaced by `[REDACTED]`, and anything nested deeper than 64 levels by `[TRUNCATED]`.
 */
export function scrub<T>(value: T): T {
  return scrubValue(value, 0) as T;
}

/** A copy of `headers` with credential headers redacted and registered secrets scrubbed. */
export function redactHeaders(headers: HeadersInit | undefined): Headers {
  const out = new Headers();
  for (const [k, v] of new Headers(headers)) out.append(k, SECRET_HEADERS.has(k) ? REDACTED : scrubText(v));
  return out;
}
