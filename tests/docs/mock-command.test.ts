// `npm run mock` (scripts/mock.ts) as a user runs it: a child process that prints one line per API in
// redocly.yaml with its mock URL, answers requests from the bundled spec, and stops on a signal.
// Any free ports here (--base-port 0), so that a mock already running on 4010… does not break the test.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { loadApis, repoRoot } from "../../scripts/lib/apis.ts";
import { readBundledSpec, type BundledSpec } from "../support/generated-specs.ts";

const apis = loadApis();
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

interface RunningCommand {
  child: ChildProcess;
  urls: Map<string, string>;
  stdout: () => string;
  exited: Promise<{ code: number | null; signal: string | null }>;
}

/** Starts `npm run mock` (on any free ports) and waits, bounded, for its ready line. */
async function startMockCommand(...args: string[]): Promise<RunningCommand> {
  // tsx's loader in this process, not its CLI: the CLI is a second process that relays a signal to
  // the script within 30 ms or kills it (exit 130), a race a busy machine loses. A terminal's Ctrl+C
  // reaches every process of the group, the script too, so `npm run mock` does not meet that race.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(repoRoot, "scripts/mock.ts"), "--base-port", "0", ...args],
    {
      cwd: repoRoot,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk));
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + 30_000;
  while (!stdout.includes("mocks ready")) {
    if (child.exitCode !== null) throw new Error(`npm run mock exited early:\n${stdout}\n${stderr}`);
    if (Date.now() > deadline)
      throw new Error(`npm run mock printed no "mocks ready" within 30 s:\n${stdout}\n${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const urls = new Map<string, string>();
  for (const match of stdout.matchAll(/^\s+(\S+)\s+(http:\/\/127\.0\.0\.1:\d+)\s+point the client at it with /gm)) {
    urls.set(match[1]!, match[2]!);
  }
  return { child, urls, stdout: () => stdout, exited };
}

/** A browser's CORS preflight for a POST with JSON and credentials headers, from another origin. */
const preflight = (url: string) =>
  fetch(url, {
    method: "OPTIONS",
    headers: {
      Origin: "http://localhost:5173",
      "Access-Control-Request-Method": "POST",
      "Access-Control-Request-Headers": "authorization,content-type",
    },
    signal: AbortSignal.timeout(5_000),
  });

/** The first GET of a spec as a concrete path, path parameters filled from their examples. */
function firstGet(spec: BundledSpec): string {
  const deref = (p: any) => (p.$ref ? spec.components.parameters[p.$ref.split("/").pop()] : p);
  for (const [path, item] of Object.entries<any>(spec.paths ?? {})) {
    if (!item.get) continue;
    const params = [...(item.parameters ?? []), ...(item.get.parameters ?? [])].map(deref);
    return path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const p = params.find((q: any) => q.in === "path" && q.name === name);
      const example = p?.example ?? p?.schema?.example ?? Object.values<any>(p?.examples ?? {})[0]?.value ?? "x";
      return encodeURIComponent(String(example));
    });
  }
  throw new Error(`${spec.info.title} has no GET operation`);
}

it("npm run mock serves every API in redocly.yaml and stops on SIGINT", async () => {
  const { child, urls, stdout, exited } = await startMockCommand();
  expect([...urls.keys()]).toEqual(apis.map((api) => api.name));

  for (const api of apis) {
    const spec = readBundledSpec(api);
    const path = firstGet(spec);
    // No credentials: the mock must know the route (not 404) and answer as the spec says, which for
    // a secured operation is Prism's 401 problem, since request validation and security checks are on.
    const response = await fetch(urls.get(api.name)! + path, { signal: AbortSignal.timeout(5_000) });
    expect(response.status, `${api.name} GET ${path}`).not.toBe(404);
    expect(response.headers.get("content-type"), `${api.name} GET ${path}`).toMatch(/json/);
    await response.arrayBuffer();
  }
  // A path no spec has is a 404: the mock serves the spec, not anything.
  const unknown = await fetch(`${urls.get(apis[0]!.name)}/no-such-path-in-any-spec`);
  expect(unknown.status).toBe(404);
  await unknown.arrayBuffer();

  child.kill("SIGINT");
  const result = await Promise.race([
    exited,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error("npm run mock did not stop within 10 s of SIGINT")), 10_000),
    ),
  ]);
  expect(result).toEqual({ code: 0, signal: null });
  expect(stdout()).toContain("stopped (SIGINT)");
  for (const url of urls.values()) {
    await expect(
      fetch(url, { signal: AbortSignal.timeout(2_000) }),
      `${url} still answers after stop`,
    ).rejects.toThrow();
  }
}, 60_000);

it("answers a browser's CORS preflight by default, and not with --no-cors", async () => {
  for (const [args, allowed] of [
    [[], true],
    [["--no-cors"], false],
  ] as const) {
    const { child, urls, exited } = await startMockCommand(...args);
    for (const [name, url] of urls) {
      const response = await preflight(`${url}/any/path`);
      await response.arrayBuffer();
      const origin = response.headers.get("access-control-allow-origin");
      if (allowed) {
        expect(response.status, name).toBe(204);
        expect(origin, name).toBe("http://localhost:5173");
        expect(response.headers.get("access-control-allow-methods"), name).toBe("POST");
        expect(response.headers.get("access-control-allow-headers"), name).toBe("authorization,content-type");
      } else {
        expect(response.ok, `${name} answered a preflight with --no-cors`).toBe(false);
        expect(origin, name).toBeNull();
      }
    }
    child.kill("SIGINT");
    await exited;
  }
}, 90_000);
