// Reads the vendor's newly published spec as served: a local file or an http(s) URL, YAML or JSON.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse, YAMLParseError } from "yaml";
import { SpecUpdateError } from "./errors.ts";

export interface SpecSource {
  /** What the user gave, resolved: an absolute file path or the URL. */
  location: string;
  isUrl: boolean;
  text: string;
  document: unknown;
}

const FETCH_TIMEOUT_MS = 30_000;

async function download(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { Accept: "application/json, application/yaml, text/yaml, */*" },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
    throw new SpecUpdateError(`${url}: cannot fetch it (${why})`);
  }
  if (!response.ok) throw new SpecUpdateError(`${url}: the server answered ${response.status} ${response.statusText}`);
  return response.text();
}

function parseText(text: string, location: string): unknown {
  // JSON is YAML too, but JSON.parse is much faster on a large served openapi.json.
  if (/^\s*[{[]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      // Not strict JSON: let the YAML parser say where it breaks.
    }
  }
  try {
    return parse(text, { prettyErrors: true, maxAliasCount: -1 });
  } catch (error) {
    const where =
      error instanceof YAMLParseError && error.linePos ? `:${error.linePos[0].line}:${error.linePos[0].col}` : "";
    const first = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    throw new SpecUpdateError(`${location}${where}: neither JSON nor YAML (${first})`);
  }
}

export async function readSource(input: string, cwd = process.cwd()): Promise<SpecSource> {
  const isUrl = /^https?:\/\//i.test(input);
  const location = isUrl ? input : resolve(cwd, input);
  let text: string;
  if (isUrl) text = await download(location);
  else {
    try {
      text = readFileSync(location, "utf8");
    } catch (error) {
      throw new SpecUpdateError(`${location}: cannot read it (${(error as NodeJS.ErrnoException).code ?? error})`);
    }
  }
  return { location, isUrl, text, document: parseText(text, location) };
}
