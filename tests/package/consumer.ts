// The package as a user gets it: `npm pack` (which builds dist/ through `prepack`), installed into a
// scratch project outside the repository, next to the runtimes the consumer tests run it on.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../../scripts/lib/apis.ts";

/**
 * Runtimes and tools the matrix runs besides the repository's own (platform-specific binaries, and
 * the oldest TypeScript the README supports): installed once into a cache folder.
 */
const RUNTIMES = {
  node22: { spec: `npm:node-${process.platform}-${process.arch}@22.23.5`, bin: "node22/bin/node" },
  node24: { spec: `npm:node-${process.platform}-${process.arch}@24.22.3`, bin: "node24/bin/node" },
  workerd: { spec: "1.20261117.1", bin: ".bin/workerd" },
  typescript55: { spec: "npm:typescript@5.5.4", bin: "typescript55/bin/tsc" },
} as const;
const RUNTIMES_DIR = join(repoRoot, "node_modules", ".cache", "consumer-runtimes");

const npm = (args: string[], cwd: string) =>
  execFileSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });

export interface Tarball {
  file: string;
  /** Bytes, as published. */
  size: number;
}

/** Packs the repository into a fresh folder; `prepack` builds dist/ first. */
export function pack(): Tarball {
  const out = mkdtempSync(join(tmpdir(), "loop-api-clients-pack-"));
  // The build's log comes first on stdout; npm's JSON report is the last thing printed.
  const stdout = npm(["pack", "--json", "--pack-destination", out], repoRoot);
  const [info] = JSON.parse(stdout.slice(stdout.search(/^\[/m))) as {
    filename: string;
    size: number;
  }[];
  return { file: join(out, info!.filename), size: info!.size };
}

/** A scratch ESM project with the tarball installed (and @types/node, for the Node typing row). */
export function installConsumer(tarball: string): string {
  const dir = mkdtempSync(join(tmpdir(), "loop-api-clients-consumer-"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  const typesNode = JSON.parse(npm(["pkg", "get", "devDependencies.@types/node"], repoRoot)) as string;
  npm(["install", tarball, `@types/node@${typesNode}`], dir);
  return dir;
}

/** Path of a binary of the cached runtimes, installing them on first use. */
export function runtimeBinary(name: keyof typeof RUNTIMES): string {
  const bin = join(RUNTIMES_DIR, "node_modules", RUNTIMES[name].bin);
  if (!existsSync(bin)) {
    mkdirSync(RUNTIMES_DIR, { recursive: true });
    const dependencies = Object.fromEntries(Object.entries(RUNTIMES).map(([key, runtime]) => [key, runtime.spec]));
    writeFileSync(
      join(RUNTIMES_DIR, "package.json"),
      JSON.stringify({ name: "consumer-runtimes", private: true, dependencies }, null, 2),
    );
    npm(["install"], RUNTIMES_DIR);
  }
  if (!existsSync(bin)) throw new Error(`${name}: no binary at ${bin} after installing ${RUNTIMES[name].spec}`);
  return bin;
}

/** Every file of a tarball, as `package/…` paths. */
export function tarballFiles(tarball: string): string[] {
  return execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n").filter(Boolean);
}

export const fixtures = join(repoRoot, "tests", "package", "fixtures");
export const fixtureFiles = () => readdirSync(fixtures);
