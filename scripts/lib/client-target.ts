// How to aim an API's client at another host (a mock, a proxy): `baseUrl` when the spec has one
// server, `servers` mapping each of its servers when it routes across several (LoopMessage).
import type { OpenApiDocument } from "./bundle-spec.ts";
import { specServers } from "./operation-table.ts";

export type ClientTarget = { baseUrl: string } | { servers: Record<string, string> };

export function clientTarget(doc: OpenApiDocument, url: string): ClientTarget {
  const servers = specServers(doc);
  return servers.length <= 1 ? { baseUrl: url } : { servers: Object.fromEntries(servers.map((s) => [s, url])) };
}
