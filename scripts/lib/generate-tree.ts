// Builds the whole generated/ tree in memory (path → content), then writes it.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { lintConfig, loadConfig } from "@redocly/openapi-core";
import { loadApis, repoRoot, type ApiEntry } from "./apis.ts";
import { docsFiles } from "./api-docs.ts";
import { packageEntries, ROOT_ENTRY, rootEntryModule } from "./package-entries.ts";
import { bundleSpec, type OpenApiDocument } from "./bundle-spec.ts";
import { headerText, tsHeader } from "./header.ts";
import { formatProblem, lintSpec, SpecError } from "./lint-spec.ts";
import { examplesModule, operationSchemasModule } from "./operation-schemas.ts";
import { operationTableModule } from "./operation-table.ts";
import { type Previous } from "./reuse.ts";
import { specTypes } from "./spec-types.ts";
import { typeChecksModule } from "./type-checks.ts";
import { webhookSchemasModule } from "./webhook-schemas.ts";

export const GENERATED = "generated";

export interface GeneratedApi {
  api: ApiEntry;
  doc: OpenApiDocument;
}

export interface GeneratedTree {
  files: Map<string, string>;
  warnings: string[];
  apis: GeneratedApi[];
  /** The package's entries (package-entries.ts), for the exports map. */
  entries: Record<string, string>;
}

export interface GenerateOptions {
  configPath?: string;
  /** Reuse committed types and docs pages whose inputs did not change (default); false rebuilds them. */
  reuse?: boolean;
}

const committed = (path: string) => {
  const file = join(repoRoot, path);
  return existsSync(file) ? readFileSync(file, "utf8") : undefined;
};

export async function generateAll(options: GenerateOptions = {}): Promise<GeneratedTree> {
  const { configPath = join(repoRoot, "redocly.yaml"), reuse = true } = options;
  const previous: Previous = reuse ? committed : () => undefined;
  const config = await loadConfig({ configPath });
  // The equivalent of `redocly lint --lint-config=error`: a typo in the config is an error too.
  const configProblems = await lintConfig({ config, severity: "error" });
  if (configProblems.length > 0) {
    throw new SpecError(`redocly.yaml is invalid:\n${configProblems.map(formatProblem).join("\n")}`);
  }

  const files = new Map<string, string>();
  const warnings: string[] = [];
  const apis: GeneratedApi[] = [];
  const failures: string[] = [];
  const list = loadApis(configPath);
  for (const api of list) {
    try {
      const apiConfig = config.forAlias(api.alias);
      const ref = resolve(dirname(configPath), api.root);
      warnings.push(...(await lintSpec(ref, apiConfig)));
      const doc = await bundleSpec(ref, apiConfig);
      const bundled = JSON.stringify({ "x-generated": headerText(api), ...doc }, null, 2) + "\n";
      files.set(`${api.generatedDir}/openapi.json`, bundled);
      files.set(`${api.generatedDir}/schema.ts`, await specTypes(doc, api, previous));
      files.set(`${api.generatedDir}/operations.ts`, operationTableModule(doc, api));
      files.set(`${api.generatedDir}/type-checks.ts`, typeChecksModule(doc, api));
      files.set(`${api.generatedDir}/operation-schemas.ts`, operationSchemasModule(doc, api));
      files.set(`${api.generatedDir}/examples.ts`, examplesModule(doc, api));
      if (doc.webhooks) files.set(`${api.generatedDir}/webhook-schemas.ts`, webhookSchemasModule(doc, api));
      apis.push({ api, doc });
    } catch (error) {
      // Keep going so one run reports every broken spec, not just the first.
      failures.push(`${api.root}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (failures.length > 0) {
    throw new SpecError(`generation failed, nothing written:\n${failures.join("\n\n")}`);
  }
  for (const [path, content] of docsFiles(apis, previous)) files.set(path, content);
  const entries = packageEntries(list);
  files.set(ROOT_ENTRY, rootEntryModule(entries, tsHeader({ root: "redocly.yaml" })));
  return { files, warnings, apis, entries };
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Writes the tree under `root`, removes generated files no spec produces any more; returns what changed. */
export function writeTree(root: string, files: Map<string, string>): string[] {
  const changed: string[] = [];
  for (const [path, content] of files) {
    const target = join(root, path);
    if (existsSync(target) && readFileSync(target, "utf8") === content) continue;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    changed.push(path);
  }
  for (const file of listFiles(join(root, GENERATED))) {
    const path = relative(root, file);
    if (!files.has(path)) {
      rmSync(file);
      changed.push(`${path} (removed)`);
    }
  }
  return changed;
}
