// The bundled spec as openapi-typescript must read it to type every body.
//
// openapi-typescript turns a schema with `properties` and an `anyOf`/`oneOf` into "the object OR one
// of the branches". A branch that only lists `required` (JSON Schema's "at least one of these
// fields", e.g. Loops' `email` or `userId`) becomes `unknown`, and `X | unknown` swallows the whole
// type: any body, even a number, type-checks. Such a schema is rewritten to the equivalent
// `allOf: [own part, anyOf: [branches that declare the fields they require]]`, which it types as
// `Own & ({ email: string } | { userId: string })`.
//
// It also types an object with both `properties` and an `additionalProperties` schema as
// `{ declared } & { [key: string]: additional }`, so a declared property whose type the additional
// schema does not cover (Loops' `eventProperties` object beside string-or-number custom fields)
// can never be set. The index signature is widened to the declared types as well, which is what
// JSON Schema means (`additionalProperties` applies only to undeclared names).
//
// The bundled openapi.json keeps the vendor's form: only the types are made from this copy.

type Schema = Record<string, unknown> & { properties?: Record<string, unknown>; required?: unknown };

/** Keys a branch may have and still be "only a required list". */
const CONSTRAINT_ONLY = new Set(["required", "description", "title", "$comment"]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;

const isRequiredOnly = (branch: unknown): branch is { required: string[] } =>
  isObject(branch) &&
  Array.isArray(branch.required) &&
  branch.required.every((name) => typeof name === "string") &&
  Object.keys(branch).every((key) => CONSTRAINT_ONLY.has(key));

/** `additionalProperties` widened to also admit the declared property types (see above). */
function widenAdditional(schema: Schema): Schema {
  const { properties, additionalProperties: additional } = schema;
  if (!isObject(properties) || !isObject(additional)) return schema;
  const kinds = new Map([additional, ...Object.values(properties)].map((s) => [JSON.stringify(s), s]));
  return kinds.size === 1 ? schema : { ...schema, additionalProperties: { anyOf: [...kinds.values()] } };
}

function rewrite(input: Schema): Schema {
  const schema = widenAdditional(input);
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
