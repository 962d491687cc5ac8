// vitest globalSetup: one Prism mock per API in redocly.yaml; their URLs reach the tests via inject().
import type { TestProject } from "vitest/node";
import { loadApis } from "../../scripts/lib/apis.ts";
import { readBundledSpec } from "../support/generated-specs.ts";
import { startPrism, type RunningMock } from "../support/prism.ts";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrls: Record<string, string>;
  }
}

export default async function setup(project: TestProject) {
  const mocks: RunningMock[] = [];
  const mockUrls: Record<string, string> = {};
  for (const api of loadApis()) {
    const mock = await startPrism(readBundledSpec(api));
    mocks.push(mock);
    mockUrls[api.name] = mock.url;
  }
  project.provide("mockUrls", mockUrls);
  return async () => {
    await Promise.all(mocks.map((m) => m.close()));
  };
}
