// Every resident of a facility, page by page, with the LifeLoop client's pagination helper: `for await`
// yields each item of each page and stops after the page that says `hasMore: false`. An error
// response stops the loop by throwing the typed APIError, so a list is never silently cut short.
//
//   npx tsx examples/page-through-residents.ts [facilityId]      (default: LIFELOOP_FACILITY_ID or fac-001)
//
// Mock (`npm run mock`) unless LIFELOOP_TOKEN and LIFELOOP_TENANT are set: see examples/env.ts.
import { createLifeLoopClient, lifeloopPages } from "loop-api-clients/lifeloop";
import * as env from "./env.ts";

async function main(): Promise<void> {
  for (const line of env.describeTargets("lifeloop")) console.log(line);
  const facilityId = process.argv[2] ?? process.env.LIFELOOP_FACILITY_ID ?? "fac-001";

  const lifeloop = createLifeLoopClient({
    token: env.lifeloop.token,
    tenant: env.lifeloop.tenant,
    baseUrl: env.lifeloop.baseUrl,
  });
  // The helper passes `{ page, pageSize }` as the query; spread it in if you add filters (`search`).
  const residents = lifeloopPages(
    (page) => lifeloop.GET("/facilities/{facilityId}/residents", { params: { path: { facilityId }, query: page } }),
    { pageSize: 100 },
  );

  let count = 0;
  for await (const resident of residents) {
    count += 1;
    console.log(`resident ${resident.id}: ${resident.firstName} ${resident.lastName} (${resident.status})`);
  }
  console.log(`${count} residents in facility ${facilityId}`);

  // Page by page, when you need the page numbers or the raw response:
  //   for await (const page of residents.pages()) console.log(page.data.page, page.items.length);
}

main().catch(env.fail);
