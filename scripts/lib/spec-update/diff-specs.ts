// What changed between two versions of a vendor's spec, operation by operation. api-smart-diff
// (pinned) compares the documents and classifies each change as breaking or not; this module only
// lines the two versions up the way a client sees them and groups the changes by operation.
//  - Operations are matched by method and full URL path (server path + path): Loops moved `/v1`
//    from its server URL (1.8.0: `…/api/v1` + `/contacts/create`) into its paths (1.21.6: `…/api` +
//    `/v1/contacts/create`); matched by spec path, every operation would look removed and re-added.
//  - api-smart-diff has no rules for webhooks, so each webhook's payload is compared as the body of a
//    response: the API sends it and the receiver reads it, so a removed field breaks the receiver and
//    an added one does not, exactly as for a response.
import { apiCompare, type Diff } from "api-smart-diff";
import { METHODS } from "../operation-table.ts";

type Doc = Record<string, any>;

export type Section = "parameters" | "request body" | "responses" | "operation";

export interface Change {
  section: Section;
  /** api-smart-diff's sentence, e.g. "[Removed] property `campaignId` from `data[]` in Response 200 content". */
  change: string;
  /** The same change seen at several places (enum values, array items) counts once, times `count`. */
  count: number;
}

export interface OperationRef {
  method: string;
  /** Full URL path, e.g. `/api/v1/contacts/create`. */
  path: string;
  operationId?: string;
}

export interface ChangedOperation extends OperationRef {
  breaking: Change[];
  compatible: Change[];
  /** Changes api-smart-diff could not classify (e.g. a schema rewritten with `allOf`): review by hand. */
  unclassified: Change[];
}

export interface SpecChanges {
  from?: { version: string; server: string };
  to: { version: string; server: string };
  operations: { added: OperationRef[]; removed: OperationRef[]; changed: ChangedOperation[]; unchanged: number };
  webhooks: { added: OperationRef[]; removed: OperationRef[]; changed: ChangedOperation[]; unchanged: number };
}

const WEBHOOK_PREFIX = "/~webhooks/";

/** The first server URL, and the path it puts in front of every operation path. */
function serverOf(doc: Doc): { url: string; origin: string; prefix: string } {
  const url = String(doc.servers?.[0]?.url ?? "/");
  try {
    const parsed = new URL(url);
    return { url, origin: parsed.origin, prefix: parsed.pathname.replace(/\/$/, "") };
  } catch {
    return { url, origin: "", prefix: url.replace(/\/$/, "") };
  }
}

/** The document as a client sees it: full URL paths, one origin, webhooks as response bodies. */
function aligned(doc: Doc): Doc {
  const { origin, prefix } = serverOf(doc);
  const paths: Doc = {};
  for (const [path, item] of Object.entries<Doc>(doc.paths ?? {})) paths[prefix + path] = item;
  for (const [name, item] of Object.entries<Doc>(doc.webhooks ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      paths[`${WEBHOOK_PREFIX}${name}`] ??= {};
      paths[`${WEBHOOK_PREFIX}${name}`][method] = {
        operationId: op.operationId,
        responses: { "200": { description: "payload", content: op.requestBody?.content ?? {} } },
      };
    }
  }
  // Tags are compared by position and servers are reported above; neither is an operation change.
  return { ...doc, servers: [{ url: origin || "/" }], tags: [], paths, webhooks: undefined };
}

function operationsOf(doc: Doc): Map<string, OperationRef> {
  const ops = new Map<string, OperationRef>();
  for (const [path, item] of Object.entries<Doc>(doc.paths ?? {})) {
    for (const method of METHODS) {
      if (item[method]) ops.set(`${method} ${path}`, { method, path, operationId: item[method].operationId });
    }
  }
  return ops;
}

/** A change inside an example value: sample data, not part of the contract. */
function inExample(diff: Diff): boolean {
  return diff.path.some((seg, i) => (seg === "example" || seg === "examples") && diff.path[i - 1] !== "properties");
}

function sectionOf(diff: Diff): Section {
  const part = diff.path[3];
  if (part === "parameters" || diff.path[2] === "parameters") return "parameters";
  if (part === "requestBody") return "request body";
  if (part === "responses") return "responses";
  return "operation";
}

/** Adds a change, folding repeats of the same sentence (one per enum value or array index). */
function push(list: Change[], section: Section, change: string): void {
  const same = list.find((c) => c.section === section && c.change === change);
  if (same) same.count++;
  else list.push({ section, change, count: 1 });
}

function describe(diff: Diff): string {
  return diff.description ?? `${diff.action} ${diff.path.slice(3).join(".")}`;
}

export function diffSpecs(before: Doc | undefined, after: Doc): SpecChanges {
  const to = { version: String(after.info?.version), server: serverOf(after).url };
  const from = before && { version: String(before.info?.version), server: serverOf(before).url };
  const a = aligned(before ?? { openapi: after.openapi, info: after.info, paths: {} });
  const b = aligned(after);
  const beforeOps = operationsOf(a);
  const afterOps = operationsOf(b);

  const changed = new Map<string, ChangedOperation>();
  for (const diff of apiCompare(a, b).diffs) {
    if (diff.path[0] !== "paths" || diff.type === "annotation" || inExample(diff)) continue;
    const [, path, method] = diff.path as string[];
    // A path-level change (shared parameters) applies to every operation of that path.
    const keys = METHODS.includes(method as never)
      ? [`${method} ${path}`]
      : [...afterOps.keys()].filter((k) => k.endsWith(` ${path}`));
    for (const key of keys) {
      if (!beforeOps.has(key) || !afterOps.has(key)) continue; // added or removed: listed as such
      const op = changed.get(key) ?? { ...afterOps.get(key)!, breaking: [], compatible: [], unclassified: [] };
      changed.set(key, op);
      const list =
        diff.type === "breaking" ? op.breaking : diff.type === "unclassified" ? op.unclassified : op.compatible;
      push(list, sectionOf(diff), describe(diff) + (diff.type === "deprecated" ? " (deprecated)" : ""));
    }
  }

  const isHook = (ref: OperationRef) => ref.path.startsWith(WEBHOOK_PREFIX);
  const hookRef = (ref: OperationRef) => ({ ...ref, path: ref.path.slice(WEBHOOK_PREFIX.length) });
  const added = [...afterOps].filter(([k]) => !beforeOps.has(k)).map(([, v]) => v);
  const removed = [...beforeOps].filter(([k]) => !afterOps.has(k)).map(([, v]) => v);
  const changes = [...changed.values()];
  const common = [...afterOps].filter(([k]) => beforeOps.has(k)).map(([, v]) => v);
  const split = (hooks: boolean) => {
    const pick = <T extends OperationRef>(list: T[]) =>
      list.filter((r) => isHook(r) === hooks).map((r) => (hooks ? { ...r, ...hookRef(r) } : r));
    return {
      added: pick(added),
      removed: pick(removed),
      changed: pick(changes),
      unchanged: pick(common).length - pick(changes).length,
    };
  };
  return { ...(from && { from }), to, operations: split(false), webhooks: split(true) };
}
