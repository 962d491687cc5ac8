// Starts a Prism mock in this process from a bundled spec, on a loopback port (a free one unless
// given). Used by the contract tests (tests/contract/prism-setup.ts) and by `npm run mock`.
// Request validation, security checks and response validation are all on, with `errors: true`,
// so an invalid request is rejected and an example that breaks its own schema becomes a 500.
// CORS is on unless turned off: preflights are answered and responses carry the Access-Control
// headers, so a browser app on another origin can call the mock.
//
// Prism answers every request with the same example, so a cursor-paged list would never end: the
// first page's `nextCursor` comes back for every cursor. In front of Prism sits a small proxy that
// gives such lists a last page: an answer to a request that sends a `cursor` has every
// `nextCursor` (and `nextPage`) set to null. Everything else passes through untouched.
import { createServer as createHttpServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { PassThrough } from "node:stream";
import { buffer } from "node:stream/consumers";
import { createLogger } from "@stoplight/prism-core";
import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import { createServer } from "@stoplight/prism-http-server";

export interface RunningMock {
  url: string;
  close: () => Promise<void>;
}

/** `npm run mock` listens from this port up, one port per API in redocly.yaml order. */
export const MOCK_BASE_PORT = 4010;

export async function startPrism(
  spec: object,
  options: { port?: number; host?: string; cors?: boolean } = {},
): Promise<RunningMock> {
  const operations = await getHttpOperationsFromSpec(spec);
  const logger = createLogger("PRISM", { level: "silent" }, new PassThrough());
  const server = createServer(operations, {
    cors: options.cors ?? true,
    config: {
      validateRequest: true,
      validateResponse: true,
      checkSecurity: true,
      errors: true,
      isProxy: false,
      upstreamProxy: undefined,
      mock: { dynamic: false },
    },
    components: { logger },
  });
  const host = options.host ?? "127.0.0.1";
  const prism = new URL(await server.listen(0, "127.0.0.1"));
  const proxy = createHttpServer((req, res) => {
    const lastPage = new URL(req.url ?? "/", "http://mock").searchParams.has("cursor");
    const upstream = httpRequest(
      { host: prism.hostname, port: prism.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        if (!lastPage || !/json/.test(answer.headers["content-type"] ?? "")) {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        buffer(answer).then(
          (body) => {
            const text = JSON.stringify(endOfList(JSON.parse(body.toString("utf8"))));
            res.writeHead(answer.statusCode ?? 502, { ...answer.headers, "content-length": Buffer.byteLength(text) });
            res.end(text);
          },
          () => res.destroy(),
        );
      },
    );
    upstream.on("error", () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    proxy.once("error", reject);
    proxy.listen(options.port ?? 0, host, resolve);
  });
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    close: async () => {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await server.close();
    },
  };
}

/** The same answer, as the last page of its list: every `nextCursor` and `nextPage` null. */
function endOfList(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(endOfList);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === "nextCursor" || k === "nextPage" ? null : endOfList(v)]),
  );
}
