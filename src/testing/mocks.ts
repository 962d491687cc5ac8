/**
 * The three in-process mocks, each made from its API's generated tables (operations, schemas,
 * examples). Importing this module loads all three APIs' tables; each is small next to a test run.
 */
import { examples as lifeloopExamples } from "../../generated/lifeloop/examples.ts";
import { operationSchemas as lifeloopSchemas } from "../../generated/lifeloop/operation-schemas.ts";
import { operations as lifeloopOperations } from "../../generated/lifeloop/operations.ts";
import type { operations as LifeLoopOperations } from "../../generated/lifeloop/schema.ts";
import { examples as loopMessageExamples } from "../../generated/loopmessage/examples.ts";
import { operationSchemas as loopMessageSchemas } from "../../generated/loopmessage/operation-schemas.ts";
import { operations as loopMessageOperations } from "../../generated/loopmessage/operations.ts";
import type { operations as LoopMessageOperations } from "../../generated/loopmessage/schema.ts";
import { examples as loopsExamples } from "../../generated/loops/examples.ts";
import { operationSchemas as loopsSchemas } from "../../generated/loops/operation-schemas.ts";
import { operations as loopsOperations } from "../../generated/loops/operations.ts";
import type { operations as LoopsOperations } from "../../generated/loops/schema.ts";
import { createSpecMock } from "./spec-mock.ts";
import type { TypedMock } from "./typed-mock.ts";

export type LoopsMock = TypedMock<LoopsOperations>;
export type LifeLoopMock = TypedMock<LifeLoopOperations>;
export type LoopMessageMock = TypedMock<LoopMessageOperations>;

/** A mock of the Loops API: pass its `fetch` to `createLoopsClient({ apiKey, fetch })`. */
export function createLoopsMock(): LoopsMock {
  return createSpecMock({ name: "Loops", operations: loopsOperations, schemas: loopsSchemas, examples: loopsExamples });
}

/** A mock of the LifeLoop API: pass its `fetch` to `createLifeLoopClient({ …, fetch })`. */
export function createLifeLoopMock(): LifeLoopMock {
  return createSpecMock({
    name: "LifeLoop",
    operations: lifeloopOperations,
    schemas: lifeloopSchemas,
    examples: lifeloopExamples,
  });
}

/** A mock of the LoopMessage API, on both of its hosts: pass its `fetch` to `createLoopMessageClient({ …, fetch })`. */
export function createLoopMessageMock(): LoopMessageMock {
  return createSpecMock({
    name: "LoopMessage",
    operations: loopMessageOperations,
    schemas: loopMessageSchemas,
    examples: loopMessageExamples,
  });
}
