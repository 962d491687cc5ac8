// Where an API's vendor file and our additions live, read from redocly.yaml (the API entry's `root`
// and its `vendor-additions/apply` decorator), so nothing here names an API.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parse } from "yaml";
import { loadApis, type ApiEntry } from "../apis.ts";
import { SpecUpdateError } from "./errors.ts";

export interface VendorApi {
  api: ApiEntry;
  /** Absolute paths. */
  vendorFile: string;
  additionsFile: string;
  lockFile: string;
  changesFile: string;
}

const DECORATOR = "vendor-additions/apply";

export function vendorApi(name: string, configPath: string): VendorApi {
  const apis = loadApis(configPath);
  const api = apis.find((a) => a.name === name || a.alias === name);
  if (!api) {
    throw new SpecUpdateError(`${configPath}: no API "${name}" (listed: ${apis.map((a) => a.name).join(", ")})`);
  }
  const config = parse(readFileSync(configPath, "utf8")) as {
    apis: Record<string, { decorators?: Record<string, { additions?: string }> }>;
  };
  const additions = config.apis[api.alias]?.decorators?.[DECORATOR]?.additions;
  if (!additions) {
    throw new SpecUpdateError(
      `${configPath}: apis.${api.alias} has no \`${DECORATOR}\` decorator: its spec is ours, not a vendor file to update`,
    );
  }
  const base = dirname(configPath);
  const vendorFile = resolve(base, api.root);
  return {
    api,
    vendorFile,
    additionsFile: resolve(base, additions),
    lockFile: join(dirname(vendorFile), "vendor.lock.json"),
    changesFile: join(dirname(vendorFile), "CHANGES.md"),
  };
}
