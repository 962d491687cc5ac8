// Redocly plugin: re-applies our additions to a vendor's OpenAPI file at bundle time.
//
// A vendor file (e.g. specs/loops/openapi.yaml) holds the facts of the vendor's published spec with
// the vendor's prose taken out (`npm run spec:update` normalizes it). Everything of ours lives in a
// separate additions file: the words (summaries, descriptions), named examples for the mock, and
// corrections where the published file is wrong. A newer vendor file can then be dropped in and the
// same additions re-applied. Every addition that no longer fits the vendor file (an operation,
// response, schema or value that is gone or changed) is reported with its JSON pointer in the
// additions file, all of them in one error, instead of being silently dropped. An addition the
// vendor file now states itself (its value, prose aside) is skipped and returned as redundant, for
// `npm run spec:update` to report.
//
// Configure it per API in redocly.yaml:
//
//   plugins:
//     - specs/plugins/vendor-additions.js
//   apis:
//     loops@v1:
//       root: specs/loops/openapi.yaml
//       decorators:                  # bundle, build-docs
//         vendor-additions/apply:
//           additions: specs/loops/additions.yaml
//       preprocessors:               # lint (which runs no decorators) sees the same document
//         vendor-additions/apply:
//           additions: specs/loops/additions.yaml
//
// `additions` is resolved against the directory of redocly.yaml (or the current directory when the
// config has no file). A document gets the additions once, however many passes see it.
//
// Additions file format (every section optional):
//
//   info: { description }
//   tags:
//     <tag name>: { description }
//   schemas:                          # components.schemas
//     <Name>: { description, properties: { <property>: <description> } }
//   operations:
//     "<METHOD> <path>":              # e.g. "POST /v1/contacts/create"
//       operationId: createContact    # optional; must match the vendor's when it has one
//       summary: …
//       description: …
//       parameters: { <name>: <description> }
//       requestBody: { description, mediaType, examples: { <name>: { summary, value } } }
//       responses:
//         "<code>": { description, mediaType, examples: { <name>: { summary, value } } }
//   webhooks:
//     "<METHOD> <webhook name>":      # e.g. "POST contactCreated"; same keys as operations
//   sharedResponses:                  # a response every operation (or every keyed one) answers
//     - status: "429"
//       operations: all               # or `keyed`: those with a non-empty security requirement
//       response: { $ref: "#/components/responses/RateLimited" }
//       reason: <one line>
//     Added where the operation lacks the status; where the vendor declares it without a body, ours
//     replaces it; where the vendor gives a body, the vendor's stays and only our headers are added
//     when it has none. An entry that changes no operation is reported as redundant.
//   corrections:                      # where the published file is wrong (see RESTORED.md)
//     - pointer: /json/pointer/into/the/vendor/file
//       published: <the value the vendor file has there>   # or `absent: true` (an addition; the
//                                                          #  mappings on the way are made)
//       value: <ours>                 # or `remove: true`
//       reason: <one line>

import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { parse as parseYaml } from "yaml";

const PLUGIN_ID = "vendor-additions";
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const DEFAULT_MEDIA_TYPE = "application/json";
const OPERATION_KEYS = ["operationId", "summary", "description", "parameters", "requestBody", "responses"];

export class VendorAdditionsError extends Error {
  constructor(message, problems = []) {
    super(`[${PLUGIN_ID}/apply] ${message}`);
    this.name = "VendorAdditionsError";
    /** `{ pointer, message }` per addition that does not fit, `pointer` into the additions file. */
    this.problems = problems;
  }
}

const isPlainObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);
/** Structural equality of JSON values; key order does not matter (YAML authors reorder keys). */
function deepEqual(a, b) {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
}
/** True when `theirs` states every fact of `ours`; a mapping may hold more. Arrays must be equal. */
function covers(theirs, ours) {
  if (isPlainObject(ours) && isPlainObject(theirs)) {
    return Object.entries(ours).every(([key, value]) => key in theirs && covers(theirs[key], value));
  }
  return deepEqual(theirs, ours);
}

/** The value without its prose (string `description` / `summary`), as a normalized vendor file has it. */
function withoutProse(value) {
  if (Array.isArray(value)) return value.map(withoutProse);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, v]) => !((key === "description" || key === "summary") && typeof v === "string"))
      .map(([key, v]) => [key, withoutProse(v)]),
  );
}
const escapePointer = (segment) => String(segment).replaceAll("~", "~0").replaceAll("/", "~1");
const pointerOf = (...segments) => segments.map((s) => `/${escapePointer(s)}`).join("");

function resolveAdditionsPath(file, ctx) {
  if (typeof file !== "string" || file === "") {
    throw new VendorAdditionsError('the "additions" option is required: the path of the additions file for this API.');
  }
  if (isAbsolute(file)) return file;
  const configPath = ctx?.config?.configPath;
  const base = configPath ? dirname(resolve(configPath)) : process.cwd();
  return resolve(base, file);
}

export function loadAdditions(path) {
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new VendorAdditionsError(`cannot read additions file ${path}: ${error.message}`);
  }
  let additions;
  try {
    additions = parseYaml(text) ?? {};
  } catch (error) {
    throw new VendorAdditionsError(`cannot parse additions file ${path}: ${error.message}`);
  }
  if (!isPlainObject(additions)) throw new VendorAdditionsError(`${path}: the additions file must be a mapping.`);
  return additions;
}

/** Walks the additions against one vendor document, collecting every problem instead of stopping. */
class Applier {
  constructor(root) {
    this.root = root;
    this.problems = [];
    /** `{ pointer, reason }` per addition the vendor file now states itself: skipped, and reported. */
    this.redundant = [];
  }

  problem(pointer, message) {
    this.problems.push({ pointer, message });
  }

  /** True when `spec` is a mapping whose keys are all allowed; records a problem otherwise. */
  shape(pointer, spec, allowed) {
    if (!isPlainObject(spec)) {
      this.problem(pointer, "must be a mapping");
      return false;
    }
    const unknown = Object.keys(spec).filter((key) => !allowed.includes(key));
    for (const key of unknown)
      this.problem(pointerOf(...decode(pointer), key), `unknown key (allowed: ${allowed.join(", ")})`);
    return unknown.length === 0;
  }

  prose(pointer, target, spec, keys = ["summary", "description"]) {
    for (const key of keys) {
      if (spec[key] === undefined) continue;
      if (typeof spec[key] !== "string") this.problem(pointerOf(...decode(pointer), key), "must be a string");
      else target[key] = spec[key];
    }
  }

  info(spec) {
    if (!this.shape("/info", spec, ["description"])) return;
    if (!isPlainObject(this.root.info)) return this.problem("/info", "the vendor file has no info object");
    this.prose("/info", this.root.info, spec, ["description"]);
  }

  tags(spec) {
    if (!isPlainObject(spec)) return this.problem("/tags", "must be a mapping of tag names");
    for (const [name, tagSpec] of Object.entries(spec)) {
      const at = pointerOf("tags", name);
      if (!this.shape(at, tagSpec, ["description"])) continue;
      const tag = (this.root.tags ?? []).find((t) => t?.name === name);
      if (!tag) this.problem(at, `targets tag "${name}", which the vendor file no longer has`);
      else this.prose(at, tag, tagSpec, ["description"]);
    }
  }

  schemas(spec) {
    if (!isPlainObject(spec)) return this.problem("/schemas", "must be a mapping of schema names");
    for (const [name, schemaSpec] of Object.entries(spec)) {
      const at = pointerOf("schemas", name);
      if (!this.shape(at, schemaSpec, ["description", "properties"])) continue;
      const schema = this.root.components?.schemas?.[name];
      if (!isPlainObject(schema)) {
        this.problem(at, `targets schema "${name}", which the vendor file no longer has`);
        continue;
      }
      this.prose(at, schema, schemaSpec, ["description"]);
      for (const [property, text] of Object.entries(schemaSpec.properties ?? {})) {
        const target = schema.properties?.[property];
        if (!isPlainObject(target))
          this.problem(pointerOf("schemas", name, "properties", property), "the vendor schema has no such property");
        else if (typeof text !== "string")
          this.problem(pointerOf("schemas", name, "properties", property), "must be a string");
        else target.description = text;
      }
    }
  }

  operations(section, spec, items) {
    if (!isPlainObject(spec)) return this.problem(`/${section}`, "must be a mapping");
    for (const [key, opSpec] of Object.entries(spec)) {
      const at = pointerOf(section, key);
      const match = /^([A-Za-z]+) (\S+)$/.exec(key);
      if (!match || !METHODS.includes(match[1].toLowerCase())) {
        this.problem(at, `the key must look like "METHOD ${section === "webhooks" ? "name" : "/path"}"`);
        continue;
      }
      if (!this.shape(at, opSpec, OPERATION_KEYS)) continue;
      const [, method, name] = match;
      const item = items?.[name];
      const operation = item?.[method.toLowerCase()];
      if (!isPlainObject(operation)) {
        this.problem(at, `targets ${key}, which the vendor file no longer has`);
        continue;
      }
      this.operation(at, item, operation, opSpec);
    }
  }

  operation(at, item, operation, spec) {
    if (spec.operationId !== undefined) {
      if (operation.operationId !== undefined && operation.operationId !== spec.operationId) {
        this.problem(`${at}/operationId`, `the vendor file now names it "${operation.operationId}"`);
      } else operation.operationId = spec.operationId;
    }
    this.prose(at, operation, spec);
    for (const [name, text] of Object.entries(spec.parameters ?? {})) {
      const where = pointerOf(...decode(at), "parameters", name);
      const parameter = [...(operation.parameters ?? []), ...(item.parameters ?? [])].find((p) => p?.name === name);
      if (!parameter) this.problem(where, `the operation has no parameter "${name}"`);
      else if (parameter.$ref) this.problem(where, "the parameter is a $ref; describe the component instead");
      else if (typeof text !== "string") this.problem(where, "must be a string");
      else parameter.description = text;
    }
    if (spec.requestBody !== undefined) {
      const where = `${at}/requestBody`;
      const body = operation.requestBody;
      if (!this.shape(where, spec.requestBody, ["description", "mediaType", "examples"])) return;
      if (!isPlainObject(body)) return this.problem(where, "the operation has no request body in the vendor file");
      if (body.$ref) return this.problem(where, "the vendor request body is a $ref; put examples on the component");
      this.prose(where, body, spec.requestBody, ["description"]);
      this.examples(where, body, spec.requestBody);
    }
    if (spec.responses !== undefined) {
      if (!isPlainObject(spec.responses)) return this.problem(`${at}/responses`, "must be a mapping of status codes");
      for (const [code, responseSpec] of Object.entries(spec.responses)) {
        const where = pointerOf(...decode(at), "responses", code);
        if (!this.shape(where, responseSpec, ["description", "mediaType", "examples"])) continue;
        const response = operation.responses?.[code];
        if (!isPlainObject(response)) {
          this.problem(where, `the operation has no "${code}" response in the vendor file`);
          continue;
        }
        if (response.$ref) {
          this.problem(where, "the vendor response is a $ref; put examples on the component");
          continue;
        }
        this.prose(where, response, responseSpec, ["description"]);
        this.examples(where, response, responseSpec);
      }
    }
  }

  examples(at, owner, spec) {
    if (spec.examples === undefined) return;
    const mediaType = spec.mediaType ?? DEFAULT_MEDIA_TYPE;
    const target = owner.content?.[mediaType];
    if (!isPlainObject(target))
      return this.problem(`${at}/examples`, `the vendor file has no "${mediaType}" content here`);
    if (!isPlainObject(spec.examples)) return this.problem(`${at}/examples`, "must be a mapping of example names");
    if (target.example !== undefined) {
      return this.problem(`${at}/examples`, 'the vendor sets a single "example" here; correct or drop ours');
    }
    target.examples ??= {};
    for (const [name, example] of Object.entries(spec.examples)) {
      const where = pointerOf(...decode(at), "examples", name);
      if (!isPlainObject(example) || !("value" in example || "externalValue" in example)) {
        this.problem(where, 'needs a "value"');
      } else if (target.examples[name] !== undefined && !deepEqual(target.examples[name], example)) {
        this.problem(where, "the vendor file has an example of this name with another value");
      } else target.examples[name] = structuredClone(example);
    }
  }

  sharedResponses(list) {
    if (!Array.isArray(list)) return this.problem("/sharedResponses", "must be a list");
    list.forEach((spec, index) => {
      const at = pointerOf("sharedResponses", index);
      if (!this.shape(at, spec, ["status", "operations", "response", "reason"])) return;
      if (typeof spec.reason !== "string" || spec.reason === "")
        return this.problem(`${at}/reason`, "say why, in one line");
      if (!["all", "keyed"].includes(spec.operations))
        return this.problem(`${at}/operations`, 'must be "all" or "keyed"');
      if (!isPlainObject(spec.response)) return this.problem(`${at}/response`, "must be a response object or a $ref");
      const ours = resolveLocal(this.root, spec.response);
      if (!ours)
        return this.problem(`${at}/response`, `${spec.response.$ref} is not in the vendor file or our additions`);
      let changed = 0;
      for (const item of Object.values(this.root.paths ?? {})) {
        for (const method of METHODS) {
          const operation = item?.[method];
          if (!isPlainObject(operation)) continue;
          const security = operation.security ?? this.root.security ?? [];
          if (spec.operations === "keyed" && !security.some((req) => Object.keys(req ?? {}).length > 0)) continue;
          operation.responses ??= {};
          const theirs = operation.responses[spec.status];
          if (!isPlainObject(theirs) || (!theirs.$ref && theirs.content === undefined)) {
            operation.responses[spec.status] = structuredClone(spec.response);
            changed++;
          } else if (!theirs.$ref && theirs.headers === undefined && ours.headers !== undefined) {
            theirs.headers = structuredClone(ours.headers);
            changed++;
          }
        }
      }
      if (changed === 0) this.redundant.push({ pointer: at, reason: spec.reason });
    });
  }

  corrections(list) {
    if (!Array.isArray(list)) return this.problem("/corrections", "must be a list");
    list.forEach((spec, index) => {
      const at = pointerOf("corrections", index);
      if (!this.shape(at, spec, ["pointer", "published", "absent", "value", "remove", "reason"])) return;
      if (typeof spec.reason !== "string" || spec.reason === "")
        return this.problem(`${at}/reason`, "say why, in one line");
      if ("published" in spec === Boolean(spec.absent)) {
        return this.problem(at, 'needs either "published" (the value the vendor file has) or "absent: true"');
      }
      if ("value" in spec === Boolean(spec.remove)) return this.problem(at, 'needs either "value" or "remove: true"');
      const located = locate(this.root, spec.pointer, Boolean(spec.absent));
      if (!located) return this.problem(`${at}/pointer`, `${spec.pointer} is not a location in the vendor file`);
      const { parent, key } = located;
      // Compared without prose (the vendor file we keep has none, our values may); the vendor's
      // value may say more than ours (another response, a description of its own).
      const ours = spec.remove
        ? !(key in parent)
        : key in parent && covers(withoutProse(parent[key]), withoutProse(spec.value));
      const vendorAsBefore = spec.absent ? !(key in parent) : key in parent && deepEqual(parent[key], spec.published);
      if (!vendorAsBefore) {
        // The vendor fixed it our way: nothing to apply, but the entry must not linger unnoticed.
        if (ours) return this.redundant.push({ pointer: at, reason: spec.reason });
        const now = spec.absent ? "now has a value" : "no longer has the published value";
        return this.problem(at, `the vendor file ${now} at ${spec.pointer}; review the correction`);
      }
      if (spec.remove) {
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
      } else parent[key] = structuredClone(spec.value);
    });
  }
}

function decode(pointer) {
  return pointer
    .split("/")
    .slice(1)
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/**
 * The parent node and last key of an RFC 6901 pointer, when the parent exists; with `create`, missing
 * mappings on the way are made (an addition of a whole new component section or path).
 */
function locate(root, pointer, create = false) {
  if (typeof pointer !== "string" || !pointer.startsWith("/")) return undefined;
  const segments = decode(pointer);
  const key = segments.pop();
  let parent = root;
  for (const segment of segments) {
    if (create && isPlainObject(parent) && parent[segment] === undefined) parent[segment] = {};
    parent = parent?.[segment];
    if (parent === null || typeof parent !== "object") return undefined;
  }
  return { parent, key };
}

/** A local `$ref` (`#/components/…`) resolved in `root`, or the object itself when it is not a $ref. */
function resolveLocal(root, node) {
  if (typeof node.$ref !== "string") return node;
  if (!node.$ref.startsWith("#/")) return undefined;
  const located = locate(root, node.$ref.slice(1));
  const target = located?.parent[located.key];
  return isPlainObject(target) ? target : undefined;
}

/**
 * Applies `additions` to the vendor document `root` in place. Throws one VendorAdditionsError listing
 * every addition that no longer fits (`file#pointer: why`); `root` may then be half-changed. Returns
 * the additions that the vendor file already states (`{ pointer, reason }`), which were skipped.
 */
export function applyAdditions(root, additions, file) {
  const applier = new Applier(root);
  const known = ["info", "tags", "schemas", "operations", "webhooks", "sharedResponses", "corrections"];
  for (const key of Object.keys(additions)) {
    if (!known.includes(key)) applier.problem(pointerOf(key), `unknown section (allowed: ${known.join(", ")})`);
  }
  // Corrections first: the words and examples then describe the corrected document.
  if (additions.corrections !== undefined) applier.corrections(additions.corrections);
  // After the corrections, which may add the shared components these refer to.
  if (additions.sharedResponses !== undefined) applier.sharedResponses(additions.sharedResponses);
  if (additions.info !== undefined) applier.info(additions.info);
  if (additions.tags !== undefined) applier.tags(additions.tags);
  if (additions.schemas !== undefined) applier.schemas(additions.schemas);
  if (additions.operations !== undefined) applier.operations("operations", additions.operations, root.paths);
  if (additions.webhooks !== undefined) applier.operations("webhooks", additions.webhooks, root.webhooks);
  if (applier.problems.length > 0) {
    const lines = applier.problems.map((p) => `  ${file}#${p.pointer}: ${p.message}`);
    throw new VendorAdditionsError(
      `${applier.problems.length} addition(s) no longer fit the vendor file:\n${lines.join("\n")}`,
      applier.problems,
    );
  }
  return { redundant: applier.redundant };
}

// Lint runs the preprocessor, bundle runs the preprocessor and then the decorator on the same
// parsed document: remember which documents already have the additions.
const applied = new WeakSet();

function ApplyVendorAdditions(options = {}) {
  return {
    Root: {
      enter(root, ctx) {
        if (applied.has(root)) return;
        const file = resolveAdditionsPath(options.additions, ctx);
        applyAdditions(root, loadAdditions(file), file);
        applied.add(root);
      },
    },
  };
}

export default function vendorAdditionsPlugin() {
  return {
    id: PLUGIN_ID,
    decorators: {
      oas3: { apply: ApplyVendorAdditions },
    },
    preprocessors: {
      oas3: { apply: ApplyVendorAdditions },
    },
  };
}
