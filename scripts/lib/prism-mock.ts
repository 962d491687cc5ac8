// Starts a Prism mock in this process from a bundled spec, on a loopback port (a free one unless
// given). Used by the contract tests (tests/contract/prism-setup.ts) and by `npm run mock`.
// Request validation, security checks and response validation are all on, with `errors: true`,
// so an invalid request is rejected and an example that breaks its own schema becomes a 500.
// CORS is on unless turned off: preflights are answered and responses carry the Access-Control
// headers, so a browser app on another origin can call the mock.
import { PassThrough } from "node:stream";
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
  const url = await server.listen(options.port ?? 0, options.host ?? "127.0.0.1");
  return { url, close: () => server.close() };
}
