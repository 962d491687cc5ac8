/**
 * Authentication. Each API puts its credential in a header differently; the helpers validate the
 * credential at construction (a bad one throws `MissingCredentialError`, whose message names the
 * setting, never the value), register it for scrubbing, and return an `Auth` function. Webhook
 * secrets go through the same check (`requireCredential`).
 */
import { brand } from "./brand.ts";
import { registerSecret } from "./redact.ts";

/** Sets the credential on an outgoing request's headers. May be async (e.g. token refresh). */
export type Auth = (headers: Headers) => void | Promise<void>;

/** A TypeError, like every other bad-argument error the factories throw. */
export class MissingCredentialError extends TypeError {}
brand(MissingCredentialError, "MissingCredentialError");

/** Shorter secrets are refused: none of the three APIs issues one, and scrubbing them would mangle text. */
const MIN_CREDENTIAL_LENGTH = 8;

/**
 * Returns the trimmed credential or throws a MissingCredentialError naming `label` (not the value):
 * when it is missing or blank, holds a character a header value cannot (a newline, a control
 * character, anything above U+00FF, which `Headers.set` would reject quoting the whole value), or
 * is shorter than 8 characters.
 */
export function requireCredential(value: string | null | undefined, label: string): string {
  const v = typeof value === "string" ? value.trim() : "";
  const problem = !v
    ? "is missing or blank"
    : !/^[\t\x20-\x7e\x80-\xff]+$/.test(v)
      ? "is not a valid header value (a control or non-Latin-1 character)"
      : v.length < MIN_CREDENTIAL_LENGTH
        ? `is shorter than ${MIN_CREDENTIAL_LENGTH} characters`
        : "";
  if (problem) throw new MissingCredentialError(`${label} ${problem}.`);
  registerSecret(v);
  return v;
}

/** `<header>: <prefix><value>` (LoopMessage: the raw key in `Authorization`). */
export function headerAuth(header: string, value: string | null | undefined, label = "API key", prefix = ""): Auth {
  const v = prefix + requireCredential(value, label);
  return (headers) => headers.set(header, v);
}

/** `Authorization: Bearer <token>` (Loops API key, LifeLoop token). */
export const bearerAuth = (token: string | null | undefined, label = "API key"): Auth =>
  headerAuth("Authorization", token, label, "Bearer ");
