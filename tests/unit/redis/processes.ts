// Starts several redis-worker.ts processes, lets them go together, and collects what each printed.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { expect } from "vitest";

const WORKER = new URL("./redis-worker.ts", import.meta.url).pathname;

export interface WorkerOutput<T> {
  result: T;
  errors: string[];
}

/** `go` runs when every worker is ready, just before they are let go (a time taken there precedes all their work). */
export async function runWorkers<T>(args: string[][], go: () => void = () => {}): Promise<WorkerOutput<T>[]> {
  const workers = args.map((argv) => {
    const child = spawn(process.execPath, ["--import", "tsx", WORKER, ...argv], { stdio: ["pipe", "pipe", "inherit"] });
    const lines = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
    return { child, lines };
  });
  try {
    for (const { lines } of workers) expect((await lines.next()).value).toBe("ready");
    go();
    for (const { child } of workers) child.stdin!.write("go\n");
    const outputs = await Promise.all(workers.map(async ({ lines }) => JSON.parse((await lines.next()).value)));
    await Promise.all(workers.map(({ child }) => child.exitCode ?? once(child, "exit")));
    return outputs;
  } finally {
    for (const { child } of workers) if (child.exitCode === null) child.kill();
  }
}
