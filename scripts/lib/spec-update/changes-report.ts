// Renders SpecChanges: one report of CHANGES.md (changes-history.ts keeps the earlier ones), and a
// short summary for the terminal.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Change, ChangedOperation, OperationRef, SpecChanges } from "./diff-specs.ts";

// The package does not export its package.json: find it beside its entry point.
const differ = (() => {
  const entry = createRequire(import.meta.url).resolve("api-smart-diff");
  const { version } = JSON.parse(readFileSync(join(dirname(entry), "..", "package.json"), "utf8")) as {
    version: string;
  };
  return `api-smart-diff ${version}`;
})();

const opName = (op: OperationRef) =>
  `\`${op.method.toUpperCase()} ${op.path}\`${op.operationId ? ` (${op.operationId})` : ""}`;
const hookName = (op: OperationRef) =>
  `\`${op.path}\` (${op.method.toUpperCase()}${op.operationId ? `, ${op.operationId}` : ""})`;
const times = (c: Change) => (c.count > 1 ? ` (×${c.count})` : "");
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function changeLines(title: string, changes: Change[]): string[] {
  if (changes.length === 0) return [];
  return [`${title}:`, "", ...changes.map((c) => `- ${c.section}: ${c.change}${times(c)}`), ""];
}

function changedBlock(op: ChangedOperation, name: (op: OperationRef) => string): string[] {
  return [
    `#### ${name(op)}`,
    "",
    ...changeLines("Breaking", op.breaking),
    ...changeLines("Compatible", op.compatible),
    ...changeLines("Not classified by the differ (review by hand)", op.unclassified),
  ];
}

function group(title: string, part: SpecChanges["operations"], name: (op: OperationRef) => string): string[] {
  const list = (heading: string, refs: OperationRef[]) =>
    refs.length === 0 ? [] : [`### ${title} ${heading} (${refs.length})`, "", ...refs.map((r) => `- ${name(r)}`), ""];
  return [
    ...list("added", part.added),
    ...list("removed", part.removed),
    ...(part.changed.length === 0
      ? []
      : [`### ${title} changed (${part.changed.length})`, "", ...part.changed.flatMap((op) => changedBlock(op, name))]),
  ];
}

const countRow = (label: string, p: SpecChanges["operations"]) =>
  `| ${label} | ${p.added.length} | ${p.removed.length} | ${p.changed.length} | ${p.unchanged} |`;

/** An addition of ours that the new vendor file now states itself: where it is, and its reason. */
export interface RedundantAddition {
  pointer: string;
  reason: string;
}

function redundantLines(redundant: RedundantAddition[], additionsFile: string): string[] {
  if (redundant.length === 0) return [];
  return [
    `### Additions the new file makes redundant (${redundant.length})`,
    "",
    `The published file now says what these entries of \`${additionsFile}\` added; they are no longer`,
    "applied. Remove them, and their rows in RESTORED.md.",
    "",
    ...redundant.map((r) => `- \`${r.pointer}\`: ${r.reason}`),
    "",
  ];
}

/** One report of CHANGES.md, under a `## <from> → <to>` heading. */
export function changesMarkdown(
  changes: SpecChanges,
  redundant: RedundantAddition[] = [],
  additionsFile = "additions.yaml",
): string {
  const { from, to } = changes;
  const breaking = [...changes.operations.changed, ...changes.webhooks.changed].filter((op) => op.breaking.length);
  return [
    `## ${from ? `${from.version} → ` : ""}${to.version}`,
    "",
    "Operations are matched by method and full URL path (server path + path); changes to parameters,",
    `request and response bodies are classified by ${differ}. Webhook payloads are compared`,
    "like response bodies.",
    "",
    ...(from && from.server !== to.server ? [`Server: \`${from.server}\` → \`${to.server}\``, ""] : []),
    "| | added | removed | changed | unchanged |",
    "|---|---|---|---|---|",
    countRow("operations", changes.operations),
    countRow("webhooks", changes.webhooks),
    "",
    `${plural(breaking.length, "operation")} or webhooks with breaking changes${breaking.length ? ": " + breaking.map((op) => op.operationId ?? op.path).join(", ") : ""}.`,
    "",
    ...group("Operations", changes.operations, opName),
    ...group("Webhooks", changes.webhooks, hookName),
    ...redundantLines(redundant, additionsFile),
  ]
    .join("\n")
    .replace(/\n+$/, "\n");
}

export function changesSummary(changes: SpecChanges, redundant: RedundantAddition[] = []): string[] {
  const { from, to, operations: o, webhooks: w } = changes;
  const line = (label: string, p: SpecChanges["operations"]) =>
    `${label}: ${p.added.length} added, ${p.removed.length} removed, ${p.changed.length} changed, ${p.unchanged} unchanged`;
  const lines = [`${from ? `${from.version} → ` : ""}${to.version}`, line("operations", o), line("webhooks", w)];
  for (const op of [...o.changed, ...w.changed]) {
    const counts = [
      op.breaking.length && `${op.breaking.length} breaking`,
      op.compatible.length && `${op.compatible.length} compatible`,
      op.unclassified.length && `${op.unclassified.length} unclassified`,
    ].filter(Boolean);
    lines.push(`  ${op.method.toUpperCase()} ${op.path}: ${counts.join(", ")}`);
  }
  if (redundant.length > 0) lines.push(`additions now redundant (remove them): ${redundant.length}`);
  for (const r of redundant) lines.push(`  ${r.pointer}: ${r.reason}`);
  return lines;
}
