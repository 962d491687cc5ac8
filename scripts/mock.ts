// Prism mocks of every API in redocly.yaml, from the bundled specs in generated/, on fixed loopback
// ports (4010, 4011, … in redocly.yaml order), with request validation and security checks on:
// a request the spec would refuse gets Prism's 4xx problem instead of an example.
//   npm run mock                          ports 4010, 4011, …
//   npm run mock -- --base-port 5000      ports 5000, 5001, … (0: any free ports)
//   npm run mock -- --no-cors             no CORS headers, preflights refused (on by default)
// Ctrl+C (SIGINT) or SIGTERM stops them.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadApis, repoRoot, type ApiEntry } from "./lib/apis.ts";
import type { OpenApiDocument } from "./lib/bundle-spec.ts";
import { clientTarget } from "./lib/client-target.ts";
import { MOCK_BASE_PORT, startPrism, type RunningMock } from "./lib/prism-mock.ts";

const { values } = parseArgs({ options: { "base-port": { type: "string" }, "no-cors": { type: "boolean" } } });
const cors = !values["no-cors"];
const basePort = Number(values["base-port"] ?? MOCK_BASE_PORT);
if (!Number.isInteger(basePort) || basePort < 0 || basePort > 65535) {
  console.error(`--base-port must be a port number, got ${values["base-port"]}`);
  process.exit(2);
}

function readSpec(api: ApiEntry): OpenApiDocument {
  const file = join(repoRoot, api.generatedDir, "openapi.json");
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run generate\` first`);
  return JSON.parse(readFileSync(file, "utf8")) as OpenApiDocument;
}

const mocks: RunningMock[] = [];
let stopping = false;

async function stop(signal: string) {
  if (stopping) return;
  stopping = true;
  // A stuck connection must not keep the process alive after Ctrl+C.
  setTimeout(() => process.exit(0), 3000).unref();
  await Promise.allSettled(mocks.map((mock) => mock.close()));
  console.log(`stopped (${signal})`);
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));

try {
  const apis = loadApis();
  const docs = apis.map(readSpec);
  const width = Math.max(...apis.map((api) => api.name.length));
  console.log(
    `Prism mocks from generated/<api>/openapi.json, request validation on, CORS ${cors ? "on" : "off"} (Ctrl+C stops them):`,
  );
  for (const [i, api] of apis.entries()) {
    const doc = docs[i]!;
    const mock = await startPrism(doc, { host: "127.0.0.1", port: basePort === 0 ? 0 : basePort + i, cors });
    mocks.push(mock);
    console.log(
      `  ${api.name.padEnd(width)}  ${mock.url}  point the client at it with ${JSON.stringify(clientTarget(doc, mock.url))}`,
    );
  }
  console.log("mocks ready");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await Promise.allSettled(mocks.map((mock) => mock.close()));
  process.exit(1);
}
