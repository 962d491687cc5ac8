// The file must be an OpenAPI 3.x document before anything else looks at it.
import { SpecUpdateError } from "./errors.ts";

export function assertOpenApi3(document: unknown, location: string): asserts document is Record<string, unknown> {
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    throw new SpecUpdateError(`${location}: not an OpenAPI document (the top level is not a mapping)`);
  }
  const doc = document as Record<string, unknown>;
  const version = doc.openapi;
  if (version === undefined) {
    const other = doc.swagger
      ? `Swagger ${String(doc.swagger)}`
      : doc.asyncapi
        ? `AsyncAPI ${String(doc.asyncapi)}`
        : "";
    throw new SpecUpdateError(
      `${location}: not an OpenAPI 3.x document (no \`openapi\` field${other && `; it is ${other}`})`,
    );
  }
  if (typeof version !== "string" || !/^3\.\d+\.\d+/.test(version)) {
    throw new SpecUpdateError(`${location}#/openapi: OpenAPI 3.x expected, found ${JSON.stringify(version)}`);
  }
  const info = doc.info as Record<string, unknown> | undefined;
  if (typeof info?.title !== "string" || typeof info?.version !== "string") {
    throw new SpecUpdateError(`${location}#/info: an OpenAPI document needs info.title and info.version`);
  }
  if (doc.paths === undefined && doc.webhooks === undefined) {
    throw new SpecUpdateError(`${location}: no \`paths\` and no \`webhooks\`: nothing to update`);
  }
}
