// The bundled spec as openapi-typescript must read it to type every body.
//
// openapi-typescript turns a schema with `properties` and an `anyOf`/`oneOf` into "the object OR one
// of the branches". A branch that only lists `required` (JSON Schema's "at least one of these
// fields", e.g. Loops' `email` or `userId`) becomes `unknown`, and `X | unknown` swallows the whole
// type: any body, even a number, type-checks. Such a schema is rewritten to the equivalent
// `allOf: [own part, anyOf: [branches that declare the fields they require]]`, which it types as
// `Own & ({ email: string } | { userId: string })`.
//
// The same goes for an `allOf` member that only lists `required` (Loops' `ContactRequest`: the base
// contact, and `required: [email]`): it becomes a member that declares those fields, as `unknown`,
// whose intersection with the base makes them required with the base's types.
//
// It also types an object with both `properties` and an `additionalProperties` schema as
// `{ declared } & { [key: string]: additional }`, so a declared property whose type the additional
// schema does not cover (Loops' `eventProperties` object beside string-or-number custom fields)
// can never be set. The index signature is widened to the declared types as well, which is what
// JSON Schema means (`additionalProperties` applies only to undeclared names).
//
// The bundled openapi.json keeps the vendor's form: only the types are made from this copy.

type Schema = Record<string, unknown> & { properties?: Record<string, unknown>; required?: unknown };

/** Keys a branch may have and still be "only a required list" (`type` only as `object`). */
const CONSTRAINT_ONLY = new Set(["required", "type", "description", "title", "$comment"]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

const isRequiredOnly = (branch: unknown): branch is { required: string[] } =>
  isObject(branch) &&
  Array.isArray(branch.required) &&
  branch.required.every((name) => typeof name === "string") &&
  (branch.type === undefined || branch.type === "object") &&
  Object.keys(branch).every((key) => CONSTRAINT_ONLY.has(key));

/** `additionalProperties` widened to also admit the declared property types (see above). */
function widenAdditional(schema: Schema): Schema {
  const { properties, additionalProperties: additional } = schema;
  if (!isObject(properties) || !isObject(additional)) return schema;
  const kinds = new Map([additional, ...Object.values(properties)].map((s) => [JSON.stringify(s), s]));
  return kinds.size === 1 ? schema : { ...schema, additionalProperties: { anyOf: [...kinds.values()] } };
}

/** `allOf` members that only list `required` made into members that declare those fields. */
function typedAllOf(schema: Schema): Schema {
  const members = schema.allOf;
  if (!Array.isArray(members) || !members.some(isRequiredOnly)) return schema;
  const typed = members.map((member) =>
    isRequiredOnly(member)
      ? {
          type: "object",
          required: member.required,
          properties: Object.fromEntries(member.required.map((n) => [n, {}])),
        }
      : member,
  );
  return { ...schema, allOf: typed };
}

function rewrite(input: Schema): Schema {
  const schema = typedAllOf(widenAdditional(input));
  for (const key of ["anyOf", "oneOf"] as const) {
    const branches = schema[key];
    if (!Array.isArray(branches) || branches.length === 0 || !branches.every(isRequiredOnly)) continue;
    const { [key]: _, description, title, ...own } = schema;
    const typed = branches.map(({ required }) => ({
      type: "object",
      required,
      properties: Object.fromEntries(required.map((name) => [name, schema.properties?.[name] ?? {}])),
    }));
    return {
      ...(title === undefined ? {} : { title }),
      ...(description === undefined ? {} : { description }),
      allOf: [own, { [key]: typed }],
    };
  }
  return schema;
}

/** A deep copy of `doc` with every required-only `anyOf`/`oneOf` given typed branches. */
export function typesInput<T>(doc: T): T {
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isObject(node)) return node;
    const out: Schema = {};
    for (const [key, value] of Object.entries(node)) out[key] = walk(value);
    return rewrite(out);
  };
  return walk(doc) as T;
}
