// The one list of APIs lives in redocly.yaml; every script and test reads it through here.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const repoRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));

export interface ApiEntry {
  /** Short name, e.g. `loops`: the folder under specs/ and generated/, the package subpath. */
  name: string;
  /** Redocly alias, e.g. `loops@v1`: selects the per-API lint rules and decorators. */
  alias: string;
  /** Spec root, relative to the repo root. */
  root: string;
  /** Folder of everything derived from this spec, relative to the repo root. */
  generatedDir: string;
}

interface RedoclyApi {
  root?: string;
  "x-openapi-ts"?: { output?: string };
}

export function loadApis(configPath = join(repoRoot, "redocly.yaml")): ApiEntry[] {
  const config = parse(readFileSync(configPath, "utf8")) as { apis?: Record<string, RedoclyApi> };
  const entries = Object.entries(config.apis ?? {});
  if (entries.length === 0) throw new Error(`${configPath}: no \`apis\` listed`);
  return entries.map(([alias, api]) => {
    const name = alias.split("@")[0]!;
    const output = api["x-openapi-ts"]?.output;
    if (!api.root || !output) {
      throw new Error(`${configPath}: apis.${alias} needs both \`root\` and \`x-openapi-ts.output\``);
    }
    const generatedDir = output.slice(0, output.lastIndexOf("/"));
    if (generatedDir !== `generated/${name}`) {
      throw new Error(`${configPath}: apis.${alias}.x-openapi-ts.output must be under generated/${name}/`);
    }
    return { name, alias, root: api.root, generatedDir };
  });
}
