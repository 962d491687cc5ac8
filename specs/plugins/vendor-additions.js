// Redocly plugin: re-applies our additions to a vendor's OpenAPI file at bundle time.
//
// A vendor file (e.g. specs/loops/openapi.yaml) is kept as published. What we add to it
// (operationIds, named examples for the mock, missing tag descriptions) lives in a separate
// additions file, keyed by `METHOD /path`, so that a newer vendor file can be dropped in and the
// same additions re-applied. Any addition that no longer fits the vendor file (an operation,
// response or media type that is gone, or a value the vendor now sets differently) fails loudly,
// naming the key, instead of being silently dropped.
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
//       preprocessors:               # optional: lint (which runs no decorators) sees the same document
//         vendor-additions/apply:
//           additions: specs/loops/additions.yaml
//
// `additions` is resolved against the directory of redocly.yaml (or the current directory when the
// config has no file). Applying the additions twice is a no-op, so both entries can be enabled.
//
// Additions file format:
//
//   tags:                             # optional: descriptions for tags the vendor left without one
//     <tag name>: { description: ... }
//   operations:
//     "<METHOD> <path>":              # e.g. "POST /contacts/create"
//       operationId: createContact
//       requestBody:                  # optional
//         mediaType: application/json # optional, this is the default
//         examples: { <name>: { summary, value } }
//       responses:                    # optional
//         "<code>":
//           mediaType: application/json
//           examples: { <name>: { summary, value } }

import { readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { parse as parseYaml } from "yaml";

const PLUGIN_ID = "vendor-additions";
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const DEFAULT_MEDIA_TYPE = "application/json";

class VendorAdditionsError extends Error {
  constructor(message) {
    super(`[${PLUGIN_ID}/apply] ${message}`);
    this.name = "VendorAdditionsError";
  }
}

function fail(message) {
  throw new VendorAdditionsError(message);
}

function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function deepEqual(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function checkKeys(where, object, allowed) {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      fail(`${where}: unknown key "${key}" (allowed: ${allowed.join(", ")}).`);
    }
  }
}

function resolveAdditionsPath(file, ctx) {
  if (typeof file !== "string" || file === "") {
    fail('the "additions" option is required: the path of the additions file for this API.');
  }
  if (isAbsolute(file)) return file;
  const configPath = ctx?.config?.configPath;
  const base = configPath ? dirname(resolve(configPath)) : process.cwd();
  return resolve(base, file);
}

function loadAdditions(path) {
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    fail(`cannot read additions file ${path}: ${error.message}`);
  }
  let additions;
  try {
    additions = parseYaml(text) ?? {};
  } catch (error) {
    fail(`cannot parse additions file ${path}: ${error.message}`);
  }
  if (!isPlainObject(additions)) fail(`${path}: the additions file must be a mapping.`);
  checkKeys(path, additions, ["tags", "operations"]);
  return additions;
}

function parseOperationKey(key, file) {
  const match = /^([A-Za-z]+) (\/\S*)$/.exec(key);
  if (!match || !METHODS.includes(match[1].toLowerCase())) {
    fail(`${file}: operations key "${key}" must look like "METHOD /path", e.g. "GET /contacts/find".`);
  }
  return { method: match[1].toLowerCase(), path: match[2] };
}

function addExamples(where, mediaTypeObject, examples) {
  if (!isPlainObject(examples)) fail(`${where}: "examples" must be a mapping of example names.`);
  if (mediaTypeObject.example !== undefined) {
    fail(`${where}: the vendor now sets a single "example" here; review the addition.`);
  }
  mediaTypeObject.examples ??= {};
  for (const [name, example] of Object.entries(examples)) {
    if (!isPlainObject(example) || !("value" in example || "externalValue" in example)) {
      fail(`${where}: example "${name}" needs a "value".`);
    }
    const existing = mediaTypeObject.examples[name];
    if (existing !== undefined && !deepEqual(existing, example)) {
      fail(`${where}: example "${name}" already exists in the vendor file with a different value.`);
    }
    mediaTypeObject.examples[name] = structuredClone(example);
  }
}

function mediaTypeOf(where, owner, spec) {
  const mediaType = spec.mediaType ?? DEFAULT_MEDIA_TYPE;
  const mediaTypeObject = owner?.content?.[mediaType];
  if (!isPlainObject(mediaTypeObject)) {
    fail(`${where}: the vendor file has no "${mediaType}" content here.`);
  }
  return mediaTypeObject;
}

function applyTags(root, tags, file) {
  if (!isPlainObject(tags)) fail(`${file}: "tags" must be a mapping of tag names.`);
  for (const [name, spec] of Object.entries(tags)) {
    const where = `${file}: tags."${name}"`;
    if (!isPlainObject(spec)) fail(`${where} must be a mapping.`);
    checkKeys(where, spec, ["description"]);
    const tag = (root.tags ?? []).find((t) => t?.name === name);
    if (!tag) fail(`${where} targets a tag that no longer exists in the vendor file.`);
    // The vendor's own description wins: ours only fills the gap.
    if (spec.description !== undefined && tag.description === undefined) {
      tag.description = spec.description;
    }
  }
}

function applyOperation(root, key, spec, file) {
  const where = `${file}: operations."${key}"`;
  const { method, path } = parseOperationKey(key, file);
  if (!isPlainObject(spec)) fail(`${where} must be a mapping.`);
  checkKeys(where, spec, ["operationId", "requestBody", "responses"]);

  const pathItem = root.paths?.[path];
  const operation = pathItem?.[method];
  if (!isPlainObject(operation)) {
    fail(`${where} targets an operation that no longer exists in the vendor file (${method.toUpperCase()} ${path}).`);
  }

  if (spec.operationId !== undefined) {
    if (operation.operationId !== undefined && operation.operationId !== spec.operationId) {
      fail(`${where}: the vendor file now sets operationId "${operation.operationId}", ours is "${spec.operationId}".`);
    }
    operation.operationId = spec.operationId;
  }

  if (spec.requestBody !== undefined) {
    const at = `${where}.requestBody`;
    if (!isPlainObject(spec.requestBody)) fail(`${at} must be a mapping.`);
    checkKeys(at, spec.requestBody, ["mediaType", "examples"]);
    if (!isPlainObject(operation.requestBody)) fail(`${at}: the operation has no request body in the vendor file.`);
    if (operation.requestBody.$ref)
      fail(`${at}: the vendor request body is a $ref; put examples on the component instead.`);
    addExamples(at, mediaTypeOf(at, operation.requestBody, spec.requestBody), spec.requestBody.examples);
  }

  if (spec.responses !== undefined) {
    if (!isPlainObject(spec.responses)) fail(`${where}.responses must be a mapping of status codes.`);
    for (const [code, responseSpec] of Object.entries(spec.responses)) {
      const at = `${where}.responses."${code}"`;
      if (!isPlainObject(responseSpec)) fail(`${at} must be a mapping.`);
      checkKeys(at, responseSpec, ["mediaType", "examples"]);
      const response = operation.responses?.[code];
      if (!isPlainObject(response)) fail(`${at}: the operation has no "${code}" response in the vendor file.`);
      if (response.$ref) fail(`${at}: the vendor response is a $ref; put examples on the component instead.`);
      addExamples(at, mediaTypeOf(at, response, responseSpec), responseSpec.examples);
    }
  }
}

export function applyAdditions(root, additions, file) {
  if (additions.tags !== undefined) applyTags(root, additions.tags, file);
  const operations = additions.operations ?? {};
  if (!isPlainObject(operations)) fail(`${file}: "operations" must be a mapping.`);
  for (const [key, spec] of Object.entries(operations)) {
    applyOperation(root, key, spec, file);
  }
}

function ApplyVendorAdditions(options = {}) {
  return {
    Root: {
      enter(root, ctx) {
        const file = resolveAdditionsPath(options.additions, ctx);
        applyAdditions(root, loadAdditions(file), file);
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
