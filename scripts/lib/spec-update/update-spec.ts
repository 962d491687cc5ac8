// spec:update's pipeline, in memory: read → OpenAPI 3.x? → resolve every $ref → structural lint →
// normalize → our additions re-applied (every one that lost its target named, every one the new file
// makes redundant reported) → house-style lint of the result → diff against the vendor file we have.
// Nothing is written until all of it passed; then writeUpdate writes the vendor file, its lock and
// CHANGES.md together. The same facts again (the published file or our normalized one) change no
// byte: no report is added and the lock keeps the published file it names.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { lintFromString, loadConfig } from "@redocly/openapi-core";
import { parse } from "yaml";
import { applyAdditions, loadAdditions, VendorAdditionsError } from "../../../specs/plugins/vendor-additions.js";
import { formatProblem } from "../lint-spec.ts";
import { changesFile } from "./changes-history.ts";
import { changesMarkdown, changesSummary, type RedundantAddition } from "./changes-report.ts";
import { assertOpenApi3 } from "./check-openapi.ts";
import { diffSpecs, type SpecChanges } from "./diff-specs.ts";
import { SpecUpdateError } from "./errors.ts";
import { normalizeSpec } from "./normalize.ts";
import { readSource } from "./read-source.ts";
import { resolveAndLint } from "./resolve-and-lint.ts";
import { vendorApi, type VendorApi } from "./vendor-api.ts";
import { vendorFileText, vendorLock, type VendorLock } from "./vendor-file.ts";
import { sha256 } from "../reuse.ts";

export interface UpdateRequest {
  /** The API's name in redocly.yaml, e.g. `loops`. */
  api: string;
  /** A file path or an http(s) URL of the newly published spec. */
  input: string;
  configPath: string;
  cwd?: string;
}

export interface PlannedUpdate {
  target: VendorApi;
  changes: SpecChanges;
  /** Additions of ours the new vendor file states itself (reported, no longer applied). */
  redundant: RedundantAddition[];
  /** Absolute path → new content. */
  files: Map<string, string>;
  summary: string[];
}

const rel = (path: string) => relative(process.cwd(), path) || path;

function reapplyAdditions(doc: object, target: VendorApi, version: string): RedundantAddition[] {
  try {
    return applyAdditions(structuredClone(doc), loadAdditions(target.additionsFile), rel(target.additionsFile))
      .redundant;
  } catch (error) {
    if (!(error instanceof VendorAdditionsError)) throw error;
    throw new SpecUpdateError(
      `our additions do not fit the published ${version}:\n${error.message.replace(/^[^\n]*\n/, "")}`,
    );
  }
}

/** The vendor file with our additions, linted with the API's own rules from redocly.yaml. */
async function lintHouseStyle(text: string, target: VendorApi, configPath: string, version: string): Promise<void> {
  const config = (await loadConfig({ configPath })).forAlias(target.api.alias);
  const problems = await lintFromString({ source: text, absoluteRef: target.vendorFile, config });
  const errors = problems.filter((p) => p.severity === "error" && !p.ignored);
  if (errors.length > 0) {
    throw new SpecUpdateError(
      `the published ${version} with our additions breaks ${errors.length} lint rule(s) (lines of the new vendor file, not written); add or fix the additions in ${rel(target.additionsFile)}:\n` +
        errors.map((p) => `  ${formatProblem(p)}`).join("\n"),
    );
  }
}

export async function planUpdate(request: UpdateRequest): Promise<PlannedUpdate> {
  const target = vendorApi(request.api, request.configPath);
  const source = await readSource(request.input, request.cwd);
  assertOpenApi3(source.document, source.location);
  const resolved = await resolveAndLint(source.text, source.location, source.document);

  const normalized = normalizeSpec(resolved);
  const version = `${String((normalized.info as { version: string }).version)}`;
  const text = vendorFileText(normalized);
  const redundant = reapplyAdditions(normalized, target, version);
  await lintHouseStyle(text, target, request.configPath, version);

  const previousText = existsSync(target.vendorFile) ? readFileSync(target.vendorFile, "utf8") : undefined;
  const changes = diffSpecs(previousText === undefined ? undefined : parse(previousText), normalized);
  const oldLock: Partial<VendorLock> = existsSync(target.lockFile)
    ? JSON.parse(readFileSync(target.lockFile, "utf8"))
    : {};
  const title = (normalized.info as { title: string }).title;
  const lock = vendorLock(normalized, text, {
    vendor: oldLock.vendor ?? title,
    api: target.api.alias,
    file: target.api.root,
    source: source.location,
    sourceIsUrl: source.isUrl,
    publishedText: source.text,
  });
  // The file in place again, as published (the lock names it) or as we normalized it: no new publication.
  if (
    text === previousText &&
    oldLock.source &&
    [oldLock.sha256, oldLock.source.sha256].includes(sha256(source.text))
  ) {
    lock.source = oldLock.source;
  }
  const files = new Map([
    [target.vendorFile, text],
    [target.lockFile, JSON.stringify(lock, null, 2) + "\n"],
  ]);
  if (text !== previousText) {
    const previousChanges = existsSync(target.changesFile) ? readFileSync(target.changesFile, "utf8") : undefined;
    // Named from the repository root, so the report reads the same wherever the command ran.
    const additionsFile = relative(dirname(request.configPath), target.additionsFile);
    const report = changesMarkdown(changes, redundant, additionsFile);
    files.set(target.changesFile, changesFile(`${lock.vendor} API changes`, report, previousChanges));
  }
  return { target, changes, redundant, files, summary: changesSummary(changes, redundant) };
}

/** Writes every planned file (each through a temp file and a rename); returns how to undo it. */
export function writeUpdate(plan: PlannedUpdate): { written: string[]; restore: () => void } {
  const before = new Map([...plan.files.keys()].map((f) => [f, existsSync(f) ? readFileSync(f) : undefined]));
  const written: string[] = [];
  const restore = () => {
    for (const [file, content] of before) {
      if (content === undefined) rmSync(file, { force: true });
      else writeFileSync(file, content);
    }
  };
  try {
    for (const [file, content] of plan.files) {
      if (before.get(file)?.toString("utf8") === content) continue;
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, content);
      renameSync(temp, file);
      written.push(file);
    }
  } catch (error) {
    restore();
    throw error;
  }
  return { written, restore };
}
