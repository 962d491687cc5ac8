// Every cursor-paged Loops list, paged to its end with `loopsPages` through the Loops client. Each
// request goes to the Loops mock, which checks it against the spec (`perPage`, `cursor`); its answer
// becomes page 1, 2 or 3 of a three-page list by setting `pagination.nextCursor` (and giving the
// items ids of their page), and every page served is checked against the spec's 200 schema.
import { describe, expect, inject, it } from "vitest";
import { createLoopsClient, loopsPages, type LoopsClient } from "../../../src/clients/loops.ts";
import { apiByName, readBundledSpec } from "../../support/generated-specs.ts";
import { SpecValidator } from "../../support/spec-validator.ts";

// Typed end to end: each list's items are the spec's item schema, which has an `id`.
const lists = {
  listAudienceSegments: (c: LoopsClient) =>
    loopsPages((q) => c.GET("/v1/audience-segments", { params: { query: q } }), { perPage: 20 }),
  listCampaigns: (c: LoopsClient) =>
    loopsPages((q) => c.GET("/v1/campaigns", { params: { query: q } }), { perPage: 20 }),
  listCampaignGroups: (c: LoopsClient) =>
    loopsPages((q) => c.GET("/v1/campaign-groups", { params: { query: q } }), { perPage: 20 }),
  listComponents: (c: LoopsClient) =>
    loopsPages((q) => c.GET("/v1/components", { params: { query: q } }), { perPage: 20 }),
  listEventPatterns: (c: LoopsClient) =>
    loopsPages((q) => c.GET("/v1/event-patterns", { params: { query: q } }), { perPage: 20 }),
  listThemes: (c: LoopsClient) => loopsPages((q) => c.GET("/v1/themes", { params: { query: q } }), { perPage: 20 }),
  listPublishedTransactionalEmails: (c: LoopsClient) =>
    loopsPages((q) => c.GET("/v1/transactional", { params: { query: q } }), { perPage: 20 }),
  listTransactionalEmails: (c: LoopsClient) =>
    loopsPages((q) => c.GET("/v1/transactional-emails", { params: { query: q } }), { perPage: 20 }),
  listTransactionalGroups: (c: LoopsClient) =>
    loopsPages((q) => c.GET("/v1/transactional-groups", { params: { query: q } }), { perPage: 20 }),
  listWorkflows: (c: LoopsClient) =>
    loopsPages((q) => c.GET("/v1/workflows", { params: { query: q } }), { perPage: 20 }),
} satisfies Record<string, (c: LoopsClient) => AsyncIterable<{ id: string }>>;

const spec = readBundledSpec(apiByName("loops"));
const validator = new SpecValidator(spec);

/** GET operations that take both `perPage` and `cursor`: the lists Loops pages by cursor. */
const cursorPaged = Object.entries<Record<string, any>>(spec.paths).flatMap(([path, item]) => {
  const names = (item.get?.parameters ?? []).map((p: { name: string }) => p.name);
  return names.includes("cursor") && names.includes("perPage") ? [{ path, operationId: item.get.operationId }] : [];
});

const NEXT: Record<string, string | null> = { first: "c2", c2: "c3", c3: null };

describe("Loops cursor-paged lists through loopsPages", () => {
  it("covers every cursor-paged list of the spec", () => {
    expect(cursorPaged.length).toBeGreaterThanOrEqual(10);
    expect(Object.keys(lists).sort()).toEqual(cursorPaged.map((op) => op.operationId).sort());
  });

  for (const { path, operationId } of cursorPaged) {
    it(`${operationId} (GET ${path}): three pages, every item once, the cursors sent back`, async () => {
      const mock = inject("mockUrls").loops!;
      const sent: { cursor: string | null; perPage: string | null; violations: string | null }[] = [];
      const problems: string[] = [];
      const pointer = validator.responseSchemaPointer(path, "get", "200")!;
      const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
        const request = new Request(input, init);
        const answer = await globalThis.fetch(request);
        const url = new URL(request.url);
        const cursor = url.searchParams.get("cursor");
        sent.push({
          cursor,
          perPage: url.searchParams.get("perPage"),
          violations: answer.headers.get("sl-violations"),
        });
        const body = await answer.json();
        body.data = body.data.map((item: Record<string, unknown>, i: number) => ({
          ...item,
          id: `${cursor ?? "p1"}-${i}`,
        }));
        body.pagination.nextCursor = NEXT[cursor ?? "first"];
        problems.push(...validator.errors(pointer, body));
        return Response.json(body, { status: answer.status });
      };
      const client = createLoopsClient({ apiKey: "pages-key", baseUrl: mock, fetch, rateLimit: false });
      const ids: string[] = [];
      for await (const item of lists[operationId as keyof typeof lists](client)) ids.push(item.id);
      expect(sent).toEqual([
        { cursor: null, perPage: "20", violations: null },
        { cursor: "c2", perPage: "20", violations: null },
        { cursor: "c3", perPage: "20", violations: null },
      ]);
      expect(problems).toEqual([]);
      const perPage = ids.length / 3;
      expect(perPage).toBeGreaterThan(0);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.filter((id) => id.startsWith("c3-"))).toHaveLength(perPage);
    });
  }
});
