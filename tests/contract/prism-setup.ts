// vitest globalSetup: one Prism mock per API in redocly.yaml (CORS on, as `npm run mock`), for the
// whole run; their URLs reach the tests via inject(). Every project that needs the mocks names this
// file, and vitest runs each project's global setup in its main process: the first starts the
// mocks, the others reuse them, the last teardown stops them.
import type { TestProject } from "vitest/node";
import { loadApis } from "../../scripts/lib/apis.ts";
import { readBundledSpec } from "../support/generated-specs.ts";
import { startPrism, type RunningMock } from "../support/prism.ts";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrls: Record<string, string>;
  }
}

interface SharedMocks {
  started: Promise<RunningMock[]>;
  users: number;
}

// Each project loads this module apart; the main process's global object is what they share.
const shared = globalThis as { loopApiClientsMocks?: SharedMocks };

async function startAll(): Promise<RunningMock[]> {
  const started = Date.now();
  const mocks = await Promise.all(loadApis().map((api) => startPrism(readBundledSpec(api))));
  console.log(`Prism: ${mocks.length} mocks started in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return mocks;
}

export default async function setup(project: TestProject) {
  const state = (shared.loopApiClientsMocks ??= { started: startAll(), users: 0 });
  state.users++;
  const mocks = await state.started;
  const apis = loadApis();
  project.provide("mockUrls", Object.fromEntries(mocks.map((mock, i) => [apis[i]!.name, mock.url])));
  return async () => {
    if (--state.users > 0) return;
    delete shared.loopApiClientsMocks;
    await Promise.all(mocks.map((m) => m.close()));
  };
}
