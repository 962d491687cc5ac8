/**
 * `loop-api-clients/testing`: test an integration offline, against the specs. In-process mocks of
 * the three APIs that check every request as the vendor's spec says and answer with its examples,
 * and signed webhook deliveries that the package's receivers accept. No server and no Node.js
 * built-in: it runs in Node.js 20+, Bun, Deno, browsers and Workers. Never imported by a client.
 */
export { createLifeLoopMock, createLoopMessageMock, createLoopsMock } from "./mocks.ts";
export type { LifeLoopMock, LoopMessageMock, LoopsMock } from "./mocks.ts";
export { lifeloopDelivery, loopMessageDelivery, loopsDelivery } from "./deliveries.ts";
export type {
  DeepPartial,
  DeliveryOptions,
  EventInput,
  LoopMessageDeliveryOptions,
  SignedDeliveryOptions,
} from "./deliveries.ts";
export type { MockAnswer, MockCall, MswHttp, SpecMock, Verdict } from "./spec-mock.ts";
export type { Answer, BodyOf, ResponsesOf, StatusOf, TypedMock } from "./typed-mock.ts";
export type { RequestProblem } from "./check-request.ts";
export type { SchemaProblem } from "../validation/spec-validator.ts";
