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
export function applyAdditions(root: object, additions: Record<string, unknown>, file: string): void;
declare const plugin: () => unknown;
export default plugin;
