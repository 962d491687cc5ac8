/**
 * Base URL checks, at construction (and for a per-request `baseUrl`, before anything is sent):
 * an absolute http(s) URL with no query string, fragment or credentials, and `https:` unless the
 * host is loopback or the caller allowed plain http. Messages never quote the URL: it may hold a
 * password.
 */

/** 127.0.0.0/8, ::1, localhost and *.localhost (RFC 6761): traffic that stays on this machine. */
const LOOPBACK = /^((.*\.)?localhost|\[::1\]|127(\.\d{1,3}){3})$/;

/** Returns `url` without trailing slashes, or throws a TypeError naming `what` and what is wrong. */
export function checkBaseUrl(url: unknown, what: string, allowInsecureHttp = false): string {
  const parsed = typeof url === "string" && URL.canParse(url) ? new URL(url) : undefined;
  const problem = !parsed
    ? "is not an absolute URL"
    : parsed.username || parsed.password
      ? "must not contain credentials (user:password@)"
      : !/^https?:$/.test(parsed.protocol)
        ? `must be an https:// URL (not ${parsed.protocol})`
        : /[?#]/.test(url as string)
          ? "must not have a query string or a fragment"
          : parsed.protocol === "http:" && !allowInsecureHttp && !LOOPBACK.test(parsed.hostname)
            ? "is http:// to a host that is not loopback (use https://, or `allowInsecureHttp: true`)"
            : "";
  if (problem) throw new TypeError(`${what} ${problem}.`);
  return (url as string).replace(/\/+$/, "");
}
