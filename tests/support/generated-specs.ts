// The bundled specs in generated/, read once per test file.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadApis, repoRoot, type ApiEntry } from "../../scripts/lib/apis.ts";

export type BundledSpec = Record<string, any>;

export function readBundledSpec(api: ApiEntry): BundledSpec {
  return JSON.parse(readFileSync(join(repoRoot, api.generatedDir, "openapi.json"), "utf8"));
}

export function apiByName(name: string): ApiEntry {
  const api = loadApis().find((a) => a.name === name);
  if (!api) throw new Error(`no API named ${name} in redocly.yaml`);
  return api;
}
