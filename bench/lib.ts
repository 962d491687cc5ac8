// Small helpers shared by the benchmarks: wall-clock a command, medians, markdown rows.
import { spawnSync } from "node:child_process";
import { repoRoot } from "../scripts/lib/apis.ts";

export const bin = (name: string) => `${repoRoot}/node_modules/.bin/${name}`;

/** Runs a command to completion (throwing on failure) and returns its wall time in ms. */
export function timeCommand(cmd: string, args: string[], cwd = repoRoot): number {
  const started = performance.now();
  const result = spawnSync(cmd, args, { cwd, encoding: "utf8" });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${result.stderr}${result.stdout}`);
  return elapsed;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** A markdown table: a header row, the separator, then the rows. */
export function table(header: string[], rows: (string | number)[][]): string {
  return [header, header.map(() => "---"), ...rows].map((r) => `| ${r.join(" | ")} |`).join("\n");
}

export const fmtUs = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;
export const fmtKB = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
