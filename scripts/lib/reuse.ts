// Derived files that are slow to make (types, docs pages) record on their second line what they
// were made from and a hash of their own body. A run reuses such a file only when both still match:
// changed inputs rebuild it, and so does a hand edit of its body; `--force` rebuilds everything.
import { createHash } from "node:crypto";

/** The committed content of a generated file, if any. */
export type Previous = (path: string) => string | undefined;

export const sha256 = (...parts: string[]) =>
  parts.reduce((hash, part) => hash.update(part), createHash("sha256")).digest("hex");

const STAMP = /derived-from sha256:([0-9a-f]{64}) body sha256:([0-9a-f]{64})/;

/** `header` (one line), then the stamp wrapped in the file type's comment, then `body`. */
export function stamped(header: string, comment: [open: string, close: string], inputs: string, body: string): string {
  return `${header}${comment[0]}derived-from sha256:${inputs} body sha256:${sha256(body)}${comment[1]}\n${body}`;
}

/** The previous file at `path` when it was made from `inputs` and its body is untouched. */
export function reusable(previous: Previous, path: string, inputs: string): string | undefined {
  const old = previous(path);
  if (old === undefined) return undefined;
  const firstBreak = old.indexOf("\n");
  const secondBreak = old.indexOf("\n", firstBreak + 1);
  const stamp = STAMP.exec(old.slice(firstBreak + 1, secondBreak));
  return stamp?.[1] === inputs && stamp[2] === sha256(old.slice(secondBreak + 1)) ? old : undefined;
}
