// The one list of APIs lives in redocly.yaml; every script and test reads it through here.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const repoRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** How an API's client is made and configured (redocly.yaml `x-client`). */
export interface ClientEntry {
  /** The factory src/clients/<api>.ts exports, e.g. `createLoopsClient`. */
  factory: string;
  /** Each credential option of the factory → the environment variable that holds it. */
  credentials: Record<string, string>;
  /** The environment variable that overrides the base URL (a proxy, a mock): `<API>_BASE_URL`. */
  baseUrlVariable: string;
  /** A path prefix the client fills itself (LifeLoop: `/{tenant}`), left out of the paths callers write. */
  pathPrefix?: string;
  /** The receiver factory of src/clients/<api>-webhooks.ts and its secret's environment variable. */
  webhooks?: { receiver: string; secretVariable: string };
}

export interface ApiEntry {
  /** Short name, e.g. `loops`: the folder under specs/ and generated/, the package subpath. */
  name: string;
  /** Redocly alias, e.g. `loops@v1`: selects the per-API lint rules and decorators. */
  alias: string;
  /** Spec root, relative to the repo root. */
  root: string;
  /** Folder of everything derived from this spec, relative to the repo root. */
  generatedDir: string;
  client: ClientEntry;
}

interface RedoclyApi {
  root?: string;
  "x-openapi-ts"?: { output?: string };
  "x-client"?: {
    factory?: string;
    credentials?: Record<string, string>;
    pathPrefix?: string;
    webhooks?: Record<string, string>;
  };
}

function clientEntry(configPath: string, alias: string, name: string, raw: RedoclyApi["x-client"]): ClientEntry {
  const where = `${configPath}: apis.${alias}.x-client`;
  if (!raw?.factory || !/^[A-Za-z_$][\w$]*$/.test(raw.factory))
    throw new Error(`${where} needs a \`factory\` (the function src/clients/${name}.ts exports)`);
  const credentials = raw.credentials ?? {};
  if (Object.keys(credentials).length === 0)
    throw new Error(`${where} needs \`credentials\` (option: ENVIRONMENT_VARIABLE)`);
  const receivers = Object.entries(raw.webhooks ?? {});
  if (receivers.length > 1) throw new Error(`${where}.webhooks names one receiver`);
  const [receiver] = receivers;
  return {
    factory: raw.factory,
    credentials,
    baseUrlVariable: `${name.toUpperCase().replace(/\W/g, "_")}_BASE_URL`,
    ...(raw.pathPrefix && { pathPrefix: raw.pathPrefix }),
    ...(receiver && { webhooks: { receiver: receiver[0], secretVariable: receiver[1] } }),
  };
}

export function loadApis(configPath = join(repoRoot, "redocly.yaml")): ApiEntry[] {
  const config = parse(readFileSync(configPath, "utf8")) as { apis?: Record<string, RedoclyApi> };
  const entries = Object.entries(config.apis ?? {});
  if (entries.length === 0) throw new Error(`${configPath}: no \`apis\` listed`);
  return entries.map(([alias, api]) => {
    const name = alias.split("@")[0]!;
    const output = api["x-openapi-ts"]?.output;
    if (!api.root || !output) {
      throw new Error(`${configPath}: apis.${alias} needs both \`root\` and \`x-openapi-ts.output\``);
    }
    const generatedDir = output.slice(0, output.lastIndexOf("/"));
    if (generatedDir !== `generated/${name}`) {
      throw new Error(`${configPath}: apis.${alias}.x-openapi-ts.output must be under generated/${name}/`);
    }
    return { name, alias, root: api.root, generatedDir, client: clientEntry(configPath, alias, name, api["x-client"]) };
  });
}
