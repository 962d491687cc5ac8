// Each API's workload, from what the repository already has per API and nothing written here: the
// list (redocly.yaml), the client factory and credential options it names, the operations table
// (which operations take a key, and on which server), the bundled spec (its servers, each
// operation's 2xx example), and the contract cases (a valid call for every operation). Nothing here
// names an API.
import { loadApis, type ApiEntry } from "../../scripts/lib/apis.ts";
import { clientTarget } from "../../scripts/lib/client-target.ts";
import type { CallResult, ContractCase } from "../contract/contract-runner.ts";
import { readBundledSpec, type BundledSpec } from "../support/generated-specs.ts";
import { type Kind, kindOf } from "./checks.ts";
import type { PlannedCall, Route } from "./fault-server.ts";
import { fnv1a, mulberry32 } from "./faults.ts";
import { unescapeSegment } from "../../src/validation/json-pointer.ts";

interface OperationRow {
  operationId: string;
  method: string;
  path: string;
  server: string;
  idempotencyKey: boolean;
}

export interface Operation {
  operationId: string;
  kind: Kind;
  route: Route;
  valid: ContractCase<unknown>["valid"];
}

export interface ApiWorkload {
  name: string;
  /** Every operation of the spec that has a contract case. */
  operations: Operation[];
  /** Operations of the spec without one (the contract coverage test names them too). */
  uncovered: string[];
  /** The API's client, as a user makes it, aimed at `url` (each server of the spec below it), with `options`. */
  client(url: string, options: Record<string, unknown>): unknown;
}

function deref(doc: BundledSpec, node: unknown): any {
  let current = node as any;
  for (let hops = 0; hops < 16 && typeof current?.$ref === "string"; hops++) {
    current = (current.$ref as string)
      .slice(2)
      .split("/")
      .map(unescapeSegment)
      .reduce((n: any, k) => n?.[k], doc);
  }
  return current;
}

/**
 * The operation's route below the API's URL (under its server's prefix, when the spec has several)
 * and its healthy answer: its 2xx status, with the spec's first example of it.
 */
function routeOf(doc: BundledSpec, row: OperationRow, serverPrefix: string): Route {
  const responses: Record<string, unknown> = doc.paths[row.path][row.method].responses;
  const status = Object.keys(responses).find((s) => s.startsWith("2"));
  if (!status) throw new Error(`${row.operationId} documents no 2xx answer`);
  const media = deref(doc, responses[status])?.content?.["application/json"];
  const example = media?.example ?? deref(doc, Object.values(media?.examples ?? {})[0])?.value;
  const source = row.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^{}]+\}/g, "[^/]+");
  return {
    method: row.method.toUpperCase(),
    pattern: new RegExp(`^${serverPrefix}${source}$`),
    status: Number(status),
    body: example === undefined ? "" : JSON.stringify(example),
  };
}

async function workloadOf(api: ApiEntry): Promise<ApiWorkload> {
  const doc = readBundledSpec(api);
  const { operations } = (await import(`../../generated/${api.name}/operations.ts`)) as { operations: OperationRow[] };
  const { cases } = (await import(`../contract/${api.name}/cases.ts`)) as {
    cases: Record<string, ContractCase<unknown>>;
  };
  const factory = (await import(`../../src/clients/${api.name}.ts`))[api.client.factory] as (o: object) => unknown;
  // Made-up credentials, long enough to be accepted (and redacted).
  const credentials = Object.fromEntries(
    Object.keys(api.client.credentials).map((option) => [option, `fault-${option}-0123456789`]),
  );
  // One server: the URL is the base URL. Several: each its own prefix, `/0`, `/1`, … (so that the
  // server sees which one an operation went to).
  const target = clientTarget(doc as never, "");
  const hosts = "servers" in target ? Object.keys(target.servers) : [];
  const serverPrefix = (row: OperationRow) => (hosts.length > 0 ? `/${hosts.indexOf(row.server)}` : "");
  const aimAt = (url: string) =>
    hosts.length > 0 ? { servers: Object.fromEntries(hosts.map((h, i) => [h, `${url}/${i}`])) } : { baseUrl: url };
  return {
    name: api.name,
    operations: operations
      .filter((row) => cases[row.operationId])
      .map((row) => ({
        operationId: row.operationId,
        kind: kindOf(row),
        route: routeOf(doc, row, serverPrefix(row)),
        valid: cases[row.operationId]!.valid,
      })),
    uncovered: operations.filter((row) => !cases[row.operationId]).map((row) => row.operationId),
    client: (url, options) => factory({ ...credentials, ...aimAt(url), ...options }),
  };
}

/** The workload of every API in redocly.yaml. */
export const loadWorkloads = (): Promise<ApiWorkload[]> => Promise.all(loadApis().map(workloadOf));

/** Retry-safe calls weigh more: they are where retries, keys and lost answers happen. */
const WEIGHTS: Record<Kind, number> = { safe: 2, keyed: 2, unsafe: 1 };

const KEY = /^idempotency-key$/i;

/**
 * `client` as one call sees it: a key the call's case gives itself (a caller's own Idempotency-Key)
 * becomes unique to the call, as a caller's key for one operation is, and is noted on its record.
 */
function forCall(client: any, record: PlannedCall): unknown {
  return new Proxy(client, {
    get(target, method) {
      const send = Reflect.get(target, method);
      if (typeof method !== "string" || !/^[A-Z]+$/.test(method) || typeof send !== "function") return send;
      return (path: string, init?: { params?: { header?: Record<string, string> } }) => {
        const header = init?.params?.header;
        const name = Object.keys(header ?? {}).find((h) => KEY.test(h));
        if (!header || !name) return send.call(target, path, init);
        record.callerKey = `${header[name]}-${record.id}`;
        return send.call(target, path, {
          ...init,
          params: { ...init.params, header: { ...header, [name]: record.callerKey } },
        });
      };
    },
  });
}

export interface Call {
  record: PlannedCall;
  run: () => Promise<CallResult>;
}

/**
 * `requests` calls of the API through `client`, each with an id `<label>-<api>-<i>`: a kind drawn
 * by weight among the API's kinds (the seed's PRNG), then the next operation of that kind in turn,
 * so that every operation is called once there are enough calls.
 */
export function callsOf(workload: ApiWorkload, client: unknown, label: string, requests: number, seed: number): Call[] {
  const random = mulberry32(fnv1a(`${seed}:${workload.name}:workload`));
  const byKind = new Map<Kind, Operation[]>();
  for (const op of workload.operations) byKind.set(op.kind, [...(byKind.get(op.kind) ?? []), op]);
  const kinds = [...byKind.keys()];
  const total = kinds.reduce((sum, k) => sum + WEIGHTS[k], 0);
  const turn = new Map<Kind, number>();
  return Array.from({ length: requests }, (_, i) => {
    let r = random() * total;
    const kind = kinds.find((k) => (r -= WEIGHTS[k]) < 0) ?? kinds.at(-1)!;
    const ops = byKind.get(kind)!;
    const n = turn.get(kind) ?? 0;
    turn.set(kind, n + 1);
    const op = ops[n % ops.length]!;
    const id = `${label}-${workload.name}-${i}`;
    const record: PlannedCall = {
      id,
      api: workload.name,
      operationId: op.operationId,
      kind,
      route: op.route,
      attempts: [],
    };
    return { record, run: () => op.valid(forCall(client, record), { headers: { "X-Fault-Id": id } }) };
  });
}
