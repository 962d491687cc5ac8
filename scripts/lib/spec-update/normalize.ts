// Normalizes a vendor's published OpenAPI document: every fact kept, the vendor's prose removed.
// Our repository carries no text pasted from elsewhere, so the vendor file we keep holds only what
// the API does (paths, parameters, schemas, status codes, examples as data…); our own words are
// re-applied from specs/<api>/additions.yaml. The walk follows the OpenAPI object model, so a
// schema property that happens to be called `description` and example values stay untouched.
import { STATUS_CODES } from "node:http";
import { METHODS } from "../operation-table.ts";

type Node = Record<string, unknown>;
const isObject = (value: unknown): value is Node =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Vendor extensions that only lay out the vendor's own docs site and carry its prose. */
const DOCS_SITE_EXTENSIONS = ["x-mint"];
const SCHEMA_MAPS = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas"];
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];
const SCHEMA_SINGLE = [
  "items",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
  "contentSchema",
];

function dropProse(node: Node, ...keys: string[]): void {
  for (const key of ["description", "summary", ...keys, ...DOCS_SITE_EXTENSIONS]) delete node[key];
  if (isObject(node.externalDocs)) delete node.externalDocs.description;
}

const eachValue = (map: unknown, visit: (node: Node) => void) => {
  if (isObject(map)) for (const value of Object.values(map)) if (isObject(value)) visit(value);
};
const eachItem = (list: unknown, visit: (node: Node) => void) => {
  if (Array.isArray(list)) for (const value of list) if (isObject(value)) visit(value);
};

function schema(node: Node): void {
  // `examples`, `example`, `default`, `const` and `enum` are data: never walked into.
  dropProse(node);
  for (const key of SCHEMA_MAPS) eachValue(node[key], schema);
  for (const key of SCHEMA_LISTS) eachItem(node[key], schema);
  for (const key of SCHEMA_SINGLE) if (isObject(node[key])) schema(node[key]);
}

function example(node: Node): void {
  dropProse(node);
}

function mediaType(node: Node): void {
  if (isObject(node.schema)) schema(node.schema);
  eachValue(node.examples, example);
  eachValue(node.encoding, (encoding) => eachValue(encoding.headers, header));
}

function header(node: Node): void {
  dropProse(node);
  if (isObject(node.schema)) schema(node.schema);
  eachValue(node.content, mediaType);
  eachValue(node.examples, example);
}

const parameter = header;

function requestBody(node: Node): void {
  dropProse(node);
  eachValue(node.content, mediaType);
}

/** A response must keep a description (OpenAPI requires one): the status's standard reason phrase. */
function response(node: Node, status: string): void {
  dropProse(node);
  if (!("$ref" in node)) {
    // First, where the vendor had it, so the file still reads in the usual order.
    const rest = { ...node };
    for (const key of Object.keys(node)) delete node[key];
    Object.assign(node, { description: reasonPhrase(status) }, rest);
  }
  eachValue(node.headers, header);
  eachValue(node.content, mediaType);
  eachValue(node.links, dropProse);
}

function reasonPhrase(status: string): string {
  if (status === "") return "Response";
  if (status === "default") return "Any other status";
  if (/^[1-5]XX$/i.test(status)) return `Any ${status.toUpperCase()} status`;
  return STATUS_CODES[status] ?? `Status ${status}`;
}

function operation(node: Node): void {
  dropProse(node);
  eachItem(node.parameters, parameter);
  if (isObject(node.requestBody)) requestBody(node.requestBody);
  if (isObject(node.responses)) {
    for (const [status, value] of Object.entries(node.responses)) if (isObject(value)) response(value, status);
  }
  eachValue(node.callbacks, (callback) => eachValue(callback, pathItem));
  eachItem(node.servers, server);
}

function pathItem(node: Node): void {
  dropProse(node);
  eachItem(node.parameters, parameter);
  eachItem(node.servers, server);
  for (const method of METHODS) if (isObject(node[method])) operation(node[method]);
}

function server(node: Node): void {
  dropProse(node);
  eachValue(node.variables, dropProse);
}

/** Returns a normalized copy; the input is not changed. */
export function normalizeSpec<T extends object>(document: T): T {
  const doc = structuredClone(document) as Node;
  if (isObject(doc.info)) dropProse(doc.info);
  dropProse(doc);
  eachItem(doc.servers, server);
  eachItem(doc.tags, (tag) => dropProse(tag));
  eachValue(doc.paths, pathItem);
  eachValue(doc.webhooks, pathItem);
  const components = isObject(doc.components) ? doc.components : {};
  eachValue(components.schemas, schema);
  eachValue(components.parameters, parameter);
  eachValue(components.headers, header);
  eachValue(components.requestBodies, requestBody);
  eachValue(components.examples, example);
  eachValue(components.securitySchemes, dropProse);
  eachValue(components.links, dropProse);
  eachValue(components.pathItems, pathItem);
  eachValue(components.callbacks, (callback) => eachValue(callback, pathItem));
  if (isObject(components.responses)) {
    // A shared response is not tied to one status.
    for (const value of Object.values(components.responses)) if (isObject(value)) response(value, "");
  }
  return doc as T;
}
