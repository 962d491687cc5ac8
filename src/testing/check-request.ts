/**
 * One request against one operation of the spec: its credentials (per the operation's security),
 * its path, query and header parameters (query strings read as the parameter's schema types them),
 * and its body (media type, then the JSON against its schema). Returns every problem found; the
 * caller turns them into the refusal the vendor would send.
 */
import {
  type OperationRule,
  type ParameterRule,
  type SchemaProblem,
  type SpecValidator,
} from "../validation/spec-validator.ts";

export type ProblemPlace = "credentials" | "path" | "query" | "header" | "cookie" | "body";

export interface RequestProblem extends SchemaProblem {
  /** Which part of the request: `body`, `query`, `header`, `path`, `credentials`. */
  in: ProblemPlace;
  /** The parameter's name (for parameters and credentials). */
  name?: string;
}

export interface ReadRequest {
  url: URL;
  headers: Headers;
  pathParams: Record<string, string>;
  /** The body's text, `""` when there is none. */
  text: string;
  /** The parsed JSON body; `undefined` when there is none or it is not JSON. */
  body: unknown;
}

/** Whether one alternative of the operation's security is met; a problem naming the credential if not. */
export function checkCredentials(
  rule: OperationRule,
  validator: SpecValidator,
  request: ReadRequest,
): RequestProblem[] {
  const alternatives = rule.security;
  if (alternatives.length === 0 || alternatives.some((names) => names.length === 0)) return [];
  const missing = alternatives.map((names) =>
    names.filter((name) => !presented(validator.schemas.securitySchemes[name], request)),
  );
  if (missing.some((names) => names.length === 0)) return [];
  const name = missing[0]![0]!;
  const scheme = validator.schemas.securitySchemes[name];
  const where = scheme?.type === "http" ? "Authorization" : (scheme?.name ?? name);
  const what = scheme?.type === "http" ? `an \`Authorization: ${capitalized(scheme.scheme ?? "")} …\` header` : where;
  return [
    {
      in: "credentials",
      name,
      pointer: "",
      rule: "security",
      message: `The credential ${what} is missing.`,
      found: "missing",
    },
  ];
}

const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function presented(
  scheme: { type: string; scheme?: string; in?: string; name?: string } | undefined,
  request: ReadRequest,
) {
  if (!scheme) return false;
  if (scheme.type === "http") {
    const value = request.headers.get("authorization") ?? "";
    return new RegExp(`^${scheme.scheme ?? "bearer"}\\s+\\S`, "i").test(value);
  }
  if (scheme.type === "apiKey" && scheme.name) {
    if (scheme.in === "query") return request.url.searchParams.has(scheme.name);
    if (scheme.in === "cookie") return cookies(request.headers).has(scheme.name);
    return Boolean(request.headers.get(scheme.name)?.trim());
  }
  // OAuth 2 and OpenID Connect send a bearer token.
  return /^bearer\s+\S/i.test(request.headers.get("authorization") ?? "");
}

function cookies(headers: Headers): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of (headers.get("cookie") ?? "").split(";")) {
    const at = pair.indexOf("=");
    if (at > 0) out.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  return out;
}

/** The types a parameter's schema allows, following its `$ref`s (for reading strings as numbers or booleans). */
function schemaTypes(validator: SpecValidator, key: string | undefined): { types: string[]; items?: string[] } {
  let schema = key === undefined ? undefined : (validator.schemas.$defs[key] as Record<string, any> | undefined);
  for (let hops = 0; schema?.$ref && hops < 16; hops++) {
    schema = validator.schemas.$defs[String(schema.$ref).replace("#/$defs/", "")] as Record<string, any> | undefined;
  }
  const types = [schema?.type ?? []].flat() as string[];
  return types.includes("array") ? { types, items: [schema?.items?.type ?? []].flat() } : { types };
}

/** A query, path or header string as the JSON value its schema's type reads it as (left a string otherwise). */
function coerce(text: string, types: string[]): unknown {
  if ((types.includes("integer") || types.includes("number")) && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text)) {
    return Number(text);
  }
  if (types.includes("boolean") && (text === "true" || text === "false")) return text === "true";
  if (types.includes("null") && text === "") return null;
  return text;
}

function parameterValue(
  validator: SpecValidator,
  p: ParameterRule,
  request: ReadRequest,
  all: ParameterRule[],
): unknown {
  const { types, items } = schemaTypes(validator, p.schema);
  let texts: string[];
  if (p.in === "path") texts = p.name in request.pathParams ? [request.pathParams[p.name]!] : [];
  else if (p.in === "header") texts = request.headers.has(p.name) ? [request.headers.get(p.name)!] : [];
  else if (p.in === "cookie")
    texts = cookies(request.headers).has(p.name) ? [cookies(request.headers).get(p.name)!] : [];
  else if (types.includes("object") && (p.style ?? "form") === "form" && p.explode !== false) {
    // An exploded object: every query pair that no other parameter declares is one of its properties.
    const declared = new Set(all.filter((q) => q.in === "query").map((q) => q.name));
    const entries = [...request.url.searchParams].filter(([name]) => !declared.has(name));
    return entries.length > 0 ? Object.fromEntries(entries) : undefined;
  } else texts = request.url.searchParams.getAll(p.name);
  if (texts.length === 0) return undefined;
  if (items) {
    const parts = texts.length > 1 || p.explode !== false ? texts : texts[0]!.split(",");
    return parts.map((t) => coerce(t, items));
  }
  return coerce(texts[0]!, types);
}

export function checkParameters(rule: OperationRule, validator: SpecValidator, request: ReadRequest): RequestProblem[] {
  const problems: RequestProblem[] = [];
  for (const p of rule.parameters) {
    const value = parameterValue(validator, p, request, rule.parameters);
    if (value === undefined) {
      if (p.required) {
        problems.push({
          in: p.in,
          name: p.name,
          pointer: "",
          rule: "required",
          message: `The ${p.in} parameter \`${p.name}\` is required.`,
          found: "missing",
        });
      }
      continue;
    }
    for (const problem of validator.check(p.schema, value)) problems.push({ in: p.in, name: p.name, ...problem });
  }
  return problems;
}

/** The media type without parameters, lower-cased (`application/json; charset=utf-8` → `application/json`). */
const essence = (contentType: string | null) => (contentType ?? "").split(";")[0]!.trim().toLowerCase();

export function checkBody(rule: OperationRule, validator: SpecValidator, request: ReadRequest): RequestProblem[] {
  const spec = rule.body;
  if (!spec) return [];
  if (request.text === "") {
    if (!spec.required) return [];
    return [{ in: "body", pointer: "", rule: "required", message: "A request body is required.", found: "missing" }];
  }
  const mediaType = essence(request.headers.get("content-type"));
  if (!spec.mediaTypes.includes(mediaType)) {
    return [
      {
        in: "body",
        pointer: "",
        rule: "mediaType",
        message: `The body's Content-Type must be ${spec.mediaTypes.join(" or ")}.`,
        found: mediaType || "missing",
      },
    ];
  }
  if (spec.schema === undefined) return [];
  if (request.body === undefined) {
    return [{ in: "body", pointer: "", rule: "json", message: "The body is not valid JSON.", found: "string" }];
  }
  return validator.check(spec.schema, request.body).map((problem) => ({ in: "body" as const, ...problem }));
}
