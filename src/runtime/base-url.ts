/**
 * Base URL checks, at construction (and for a per-request `baseUrl`, before anything is sent):
 * an absolute http(s) URL with no query string, fragment or credentials, and `https:` unless the
 * host is loopback or the caller allowed plain http. Messages never quote the URL: it may hold a
 * password.
 */

/** 127.0.0.0/8, ::1, localhost and *.localhost (RFC 6761): traffic that stays on this machine. */
function isLoopback(hostname: string): boolean {
  return (
    hostname === "localhost" ||
    hostname.endsWith(".localhost") ||
    hostname === "[::1]" ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)
  );
}

/** Returns `url` without trailing slashes, or throws a TypeError naming `what`. */
export function checkBaseUrl(url: unknown, what: string, allowInsecureHttp = false): string {
  if (typeof url !== "string" || !URL.canParse(url)) throw new TypeError(`${what} is not an absolute URL.`);
  const parsed = new URL(url);
  if (parsed.username || parsed.password)
    throw new TypeError(`${what} must not contain credentials (user:password@); pass the key to the client factory.`);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    throw new TypeError(`${what} must be an https:// URL (its scheme is ${parsed.protocol}).`);
  if (url.includes("?") || url.includes("#"))
    throw new TypeError(`${what} must not have a query string or a fragment: paths and queries are appended to it.`);
  if (parsed.protocol === "http:" && !allowInsecureHttp && !isLoopback(parsed.hostname))
    throw new TypeError(
      `${what} is a plain http:// URL to a host that is not loopback: use https://, or pass \`allowInsecureHttp: true\`.`,
    );
  return url.replace(/\/+$/, "");
}
