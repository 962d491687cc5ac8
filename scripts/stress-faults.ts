// Runs the fault suite RUNS times (10 by default) while one busy loop per core keeps every core
// loaded, and fails unless every run passes with the same records (a seed reproduces a run,
// whatever the load). `npm run test:stress`; `npm run test:stress -- 3` for three runs.
import { spawn } from "node:child_process";
import { availableParallelism } from "node:os";

const runs = Number(process.argv[2] ?? 10);
const burners = Array.from({ length: availableParallelism() }, () =>
  spawn(process.execPath, ["-e", "for (;;);"], { stdio: "ignore" }),
);
let vitest: ReturnType<typeof spawn> | undefined;
const stop = () => {
  for (const child of [...burners, vitest]) child?.kill();
};
process.on("exit", stop);
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(130));

/** One run of the suite: its exit code and its output. */
function runSuite(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    let output = "";
    vitest = spawn("npx", ["vitest", "run", "--project", "integration", "tests/fault"], {
      env: { ...process.env, FORCE_COLOR: "0" },
    });
    vitest.stdout?.on("data", (chunk) => (output += chunk));
    vitest.stderr?.on("data", (chunk) => (output += chunk));
    vitest.on("close", (code) => resolve({ code, output }));
  });
}

const records = new Set<string>();
let passed = 0;
for (let run = 1; run <= runs; run++) {
  const started = performance.now();
  const { code, output } = await runSuite();
  // The suite prints one summary line per API and fetch: the calls, outcomes and answers it recorded.
  records.add(
    output
      .split("\n")
      .filter((line) => line.startsWith("[fault seed="))
      .sort()
      .join("\n"),
  );
  if (code === 0) passed++;
  else console.log(output);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`run ${run}/${runs}: ${code === 0 ? "pass" : "FAIL"} in ${seconds} s, ${burners.length} busy cores`);
}
console.log(
  `${passed}/${runs} runs passed; ${records.size === 1 ? "identical records" : `${records.size} different records`}`,
);
process.exit(passed === runs && records.size === 1 ? 0 : 1);
