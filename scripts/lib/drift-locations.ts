// From drift reports (what a client's `onDrift` receives, one JSON object a line) to the places in
// specs/ to look at: reports grouped by API, operation, status, place (array items as `*`) and
// rule, each with the file, line and JSON pointer of the schema keyword that refused the answer.
// The walk follows the source spec (its `$ref`s, `items`, `properties`, `allOf`/`anyOf`/`oneOf`);
// where the answer has a place the spec does not describe, it stops at the deepest schema it knows.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import type { DriftReport } from "../../src/runtime/response-validation.ts";
import { documentedResponse, place } from "../../src/validation/response-problems.ts";
import { escapeSegment, unescapeSegment } from "../../src/validation/json-pointer.ts";
import { type ApiEntry, repoRoot } from "./apis.ts";

type Path = (string | number)[];
type Node = Record<string, any>;

export interface SpecLocation {
  file: string;
  line: number;
  /** JSON pointer into the file. */
  pointer: string;
}

export interface DriftGroup {
  api: string;
  operationId: string;
  method: string;
  path: string;
  status: number;
  place: string;
  rule: string;
  expected: string;
  found: string;
  reports: number;
  location: SpecLocation | undefined;
}

/** One spec file, parsed with its line numbers. */
class SpecFile {
  readonly doc: Document;
  readonly json: Node;
  private readonly lines = new LineCounter();
  constructor(readonly file: string) {
    this.doc = parseDocument(readFileSync(join(repoRoot, file), "utf8"), { lineCounter: this.lines });
    this.json = this.doc.toJS() as Node;
  }

  get(path: Path): any {
    return path.reduce<any>((node, key) => node?.[key], this.json);
  }

  /** `path` with every `$ref` it lands on followed (local ones: `#/…`). */
  resolve(path: Path): Path {
    for (let seen = 0; seen < 50; seen++) {
      const ref = this.get(path)?.$ref;
      if (typeof ref !== "string" || !ref.startsWith("#/")) return path;
      path = ref.slice(2).split("/").map(unescapeSegment);
    }
    return path;
  }

  /** The line of the key (or item) at `path`. */
  locate(path: Path): SpecLocation {
    const parent = path.length > 0 ? this.doc.getIn(path.slice(0, -1), true) : this.doc.contents;
    const last = path.at(-1);
    let offset = this.doc.contents?.range?.[0] ?? 0;
    if (isMap(parent)) {
      const pair = parent.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === last);
      offset = (isScalar(pair?.key) && pair.key.range?.[0]) || offset;
    } else if (isSeq(parent)) offset = (parent.items[Number(last)] as { range?: number[] })?.range?.[0] ?? offset;
    return {
      file: this.file,
      line: this.lines.linePos(offset).line,
      pointer: `#/${path.map(escapeSegment).join("/")}`,
    };
  }
}

/** Where in `schema` (a resolved path) the property or item `segment` is described, if anywhere. */
function child(spec: SpecFile, schema: Path, segment: string): Path | undefined {
  const node = spec.get(schema) as Node | undefined;
  if (!node || typeof node !== "object") return undefined;
  if (/^\d+$/.test(segment) && node.items) return [...schema, "items"];
  if (node.properties && Object.hasOwn(node.properties, segment)) return [...schema, "properties", segment];
  for (const kind of ["allOf", "anyOf", "oneOf"])
    for (let i = 0; i < (node[kind]?.length ?? 0); i++) {
      const found = child(spec, spec.resolve([...schema, kind, i]), segment);
      if (found) return found;
    }
  if (node.additionalProperties && typeof node.additionalProperties === "object")
    return [...schema, "additionalProperties"];
  return undefined;
}

/** The spec path of the keyword that refused `pointer` (`rule`) in the answer of `operationId` with `status`. */
export function specPath(spec: SpecFile, operationId: string, status: number, pointer: string, rule: string): Path {
  let operation: Path | undefined;
  for (const [p, item] of Object.entries((spec.json.paths ?? {}) as Node))
    for (const [method, op] of Object.entries(item as Node))
      if ((op as Node | null)?.operationId === operationId) operation = ["paths", p, method];
  if (!operation) return [];
  const responses = [...operation, "responses"];
  const key = documentedResponse({ responses: spec.get(responses) ?? {} } as never, status);
  if (key === undefined || rule === "status") return responses;
  const response = spec.resolve([...responses, key]);
  const content = (spec.get([...response, "content"]) ?? {}) as Node;
  const media = Object.keys(content).find((m) => m === "application/json" || m.endsWith("+json"));
  if (!media) return response;
  const segments = pointer.split("/").slice(1).map(unescapeSegment);
  // A missing property is refused by its object's `required`.
  if (rule === "required") segments.pop();
  let schema = spec.resolve([...response, "content", media, "schema"]);
  for (const segment of segments) {
    const next = child(spec, schema, segment);
    if (!next) break;
    schema = spec.resolve(next);
  }
  const node = spec.get(schema) as Node | undefined;
  return node && typeof node === "object" && Object.hasOwn(node, rule) ? [...schema, rule] : schema;
}

/** Groups `reports` and finds each group's place in its API's spec (`apis`: the list of redocly.yaml). */
export function driftGroups(reports: DriftReport[], apis: ApiEntry[]): DriftGroup[] {
  const specs = new Map<string, SpecFile>();
  const groups = new Map<string, DriftGroup>();
  for (const r of reports)
    for (const p of r.problems) {
      const key = [r.api, r.operationId, r.status, place(p.pointer), p.rule].join(" ");
      const group = groups.get(key);
      if (group) {
        group.reports++;
        continue;
      }
      const api = apis.find((a) => a.name === r.api);
      let location: SpecLocation | undefined;
      if (api) {
        if (!specs.has(api.root)) specs.set(api.root, new SpecFile(api.root));
        const spec = specs.get(api.root)!;
        const path = specPath(spec, r.operationId, r.status, p.pointer, p.rule);
        location = path.length > 0 ? spec.locate(path) : undefined;
      }
      groups.set(key, {
        ...{ api: r.api, operationId: r.operationId, method: r.method, path: r.path, status: r.status },
        ...{ place: place(p.pointer), rule: p.rule, expected: p.expected, found: p.found, reports: 1, location },
      });
    }
  return [...groups.values()];
}

/** The report of `npm run drift`: one block per operation and status, one line pair per place. */
export function formatDrift(groups: DriftGroup[]): string {
  const byOperation = new Map<string, DriftGroup[]>();
  for (const g of groups) {
    const title = `${g.api} ${g.operationId} (${g.method} ${g.path}) ${g.status}`;
    byOperation.set(title, [...(byOperation.get(title) ?? []), g]);
  }
  const blocks = [...byOperation].map(([title, places]) =>
    [
      title,
      ...places.flatMap((g) => [
        `  ${g.place || "(body)"}  ${g.rule}: ${g.expected} (found: ${g.found}; ${g.reports} report${g.reports === 1 ? "" : "s"})`,
        `    ${g.location ? `${g.location.file}:${g.location.line}  ${g.location.pointer}` : "not in the spec of this API"}`,
      ]),
    ].join("\n"),
  );
  return blocks.join("\n\n");
}
