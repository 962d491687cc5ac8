// Types of vendor-additions.js for the TypeScript scripts that apply additions outside Redocly.
export interface AdditionProblem {
  /** JSON pointer into the additions file. */
  pointer: string;
  message: string;
}
export class VendorAdditionsError extends Error {
  problems: AdditionProblem[];
}
export function loadAdditions(path: string): Record<string, unknown>;
/** An addition the vendor file now states itself (skipped): its pointer in the additions file and its reason. */
export interface RedundantAddition {
  pointer: string;
  reason: string;
}
export function applyAdditions(
  root: object,
  additions: Record<string, unknown>,
  file: string,
): { redundant: RedundantAddition[] };
declare const plugin: () => unknown;
export default plugin;
