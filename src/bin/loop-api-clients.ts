#!/usr/bin/env node
/**
 * `npx loop-api-clients mock [--port N]`: the in-process mocks of `loop-api-clients/testing`, served
 * over HTTP on loopback, one port per API (N, N+1, N+2; 0 for any free ports), CORS on, for
 * end-to-end tests and for code in other languages. Each answers as its in-process mock does: the
 * spec's example for a valid request, a 4xx problem naming the field and the rule otherwise.
 * Ctrl+C (SIGINT) or SIGTERM stops it. The only part of the package that uses Node.js built-ins.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { createLifeLoopMock, createLoopMessageMock, createLoopsMock, type SpecMock } from "loop-api-clients/testing";

const USAGE = `Usage: loop-api-clients mock [--port N]

Serves in-process mocks of the Loops, LifeLoop and LoopMessage APIs on 127.0.0.1, ports N, N+1, N+2
(default 4010; 0 picks free ports), with CORS. Point a client at one with its \`baseUrl\` (LoopMessage:
\`servers\`, mapping each of its hosts to the URL).`;

const MOCKS: [string, () => SpecMock][] = [
  ["loops", createLoopsMock as () => SpecMock],
  ["lifeloop", createLifeLoopMock as () => SpecMock],
  ["loopmessage", createLoopMessageMock as () => SpecMock],
];

/** CORS for any origin: the preflight echoes what the browser asks to send (Authorization included). */
function corsHeaders(req: IncomingMessage): Record<string, string> {
  return {
    "access-control-allow-origin": req.headers.origin ?? "*",
    "access-control-expose-headers": "*",
    vary: "Origin",
  };
}

async function answer(mock: SpecMock, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method === "OPTIONS" && req.headers["access-control-request-method"]) {
    res.writeHead(204, {
      ...corsHeaders(req),
      "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
      "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
      "access-control-max-age": "600",
    });
    res.end();
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const hasBody = chunks.length > 0 && req.method !== "GET" && req.method !== "HEAD";
  const request = new Request(`http://${req.headers.host ?? "127.0.0.1"}${req.url ?? "/"}`, {
    method: req.method ?? "GET",
    headers,
    ...(hasBody && { body: Buffer.concat(chunks) }),
  });
  const response = await mock.fetch(request);
  const out: Record<string, string> = { ...corsHeaders(req) };
  response.headers.forEach((value, name) => (out[name] = value));
  res.writeHead(response.status, out);
  res.end(Buffer.from(await response.arrayBuffer()));
}

async function serve(port: number): Promise<Server[]> {
  const servers: Server[] = [];
  const width = Math.max(...MOCKS.map(([name]) => name.length));
  console.log("loop-api-clients mocks, from the specs (request validation on, CORS on; Ctrl+C stops them):");
  for (const [i, [name, make]] of MOCKS.entries()) {
    const mock = make();
    const server = createServer((req, res) => {
      answer(mock, req, res).catch(() => res.writeHead(500).end());
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port === 0 ? 0 : port + i, "127.0.0.1", resolve);
    });
    servers.push(server);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const target =
      mock.servers.length <= 1 ? { baseUrl: url } : { servers: Object.fromEntries(mock.servers.map((s) => [s, url])) };
    console.log(`  ${name.padEnd(width)}  ${url}  point the client at it with ${JSON.stringify(target)}`);
  }
  console.log("mocks ready");
  return servers;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { port: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help || positionals[0] !== "mock" || positionals.length > 1) {
    console[values.help ? "log" : "error"](USAGE);
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const port = Number(values.port ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65533) {
    console.error(`--port must be a port number (0 for any free ports), got ${values.port}`);
    process.exitCode = 2;
    return;
  }
  const servers = await serve(port);
  const stop = (signal: string) => {
    for (const server of servers) server.closeAllConnections();
    Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))).then(() => {
      console.log(`stopped (${signal})`);
      process.exit(0);
    });
  };
  process.once("SIGINT", () => stop("SIGINT"));
  process.once("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
