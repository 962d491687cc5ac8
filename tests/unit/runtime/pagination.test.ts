import { describe, expect, expectTypeOf, it } from "vitest";
import { APIError, AuthenticationError, InternalServerError, NotFoundError } from "../../../src/runtime/errors.ts";
import { paginate, PaginationError } from "../../../src/runtime/pagination.ts";
import { lifeloopPages } from "../../../src/clients/lifeloop-pagination.ts";
import { loopMessagePages } from "../../../src/clients/loopmessage-pagination.ts";
import { loopsPages } from "../../../src/clients/loops-pagination.ts";
import { json, type Reply, scriptedFetch, testClient } from "./helpers.ts";

const query = (r: Request) => Object.fromEntries(new URL(r.url).searchParams);

describe("LifeLoop: page / pageSize, { data, page, pageSize, hasMore }", () => {
  const pages = [
    json(200, { data: [{ residentId: "r1" }, { residentId: "r2" }], page: 1, pageSize: 2, hasMore: true }),
    json(200, { data: [{ residentId: "r3" }, { residentId: "r4" }], page: 2, pageSize: 2, hasMore: true }),
    json(200, { data: [{ residentId: "r5" }], page: 3, pageSize: 2, hasMore: false }),
  ];

  it("iterates every item of every page, typed from the response", async () => {
    const { fetch, requests } = scriptedFetch(...pages);
    const client = testClient(fetch);
    const residents = lifeloopPages((q) => client.GET("/residents", { params: { query: q } }), { pageSize: 2 });
    const ids: string[] = [];
    for await (const r of residents) {
      expectTypeOf(r).toEqualTypeOf<{ residentId: string }>();
      ids.push(r.residentId);
    }
    expect(ids).toEqual(["r1", "r2", "r3", "r4", "r5"]);
    expect(requests.map(query)).toEqual([
      { page: "1", pageSize: "2" },
      { page: "2", pageSize: "2" },
      { page: "3", pageSize: "2" },
    ]);
  });

  it("page-level access", async () => {
    const { fetch } = scriptedFetch(...pages);
    const client = testClient(fetch);
    const seen: [number, number][] = [];
    for await (const page of lifeloopPages((q) => client.GET("/residents", { params: { query: q } })).pages()) {
      expectTypeOf(page.data.hasMore).toEqualTypeOf<boolean>();
      seen.push([page.data.page, page.items.length]);
      expect(page.response.status).toBe(200);
    }
    expect(seen).toEqual([
      [1, 2],
      [2, 2],
      [3, 1],
    ]);
  });
});

describe("LoopMessage: page / per_page, { page, num_pages, per_page, count, items }", () => {
  const cases = [
    { given: { num_pages: 1, sizes: [3] }, want: { items: 3, calls: 1 } },
    { given: { num_pages: 3, sizes: [2, 2, 1] }, want: { items: 5, calls: 3 } },
    { given: { num_pages: 0, sizes: [0] }, want: { items: 0, calls: 1 } },
  ];
  for (const { given, want } of cases) {
    it(`${given.num_pages} page(s) → ${want.items} items in ${want.calls} call(s)`, async () => {
      const replies = given.sizes.map((n, i) =>
        json(200, {
          page: i + 1,
          num_pages: given.num_pages,
          per_page: 2,
          count: 5,
          items: Array.from({ length: n }, (_, j) => ({ text: `m${i}-${j}` })),
        }),
      );
      const { fetch, requests } = scriptedFetch(...replies);
      const client = testClient(fetch);
      const texts: string[] = [];
      for await (const m of loopMessagePages((q) => client.GET("/conversations", { params: { query: q } }), {
        perPage: 2,
      })) {
        expectTypeOf(m).toEqualTypeOf<{ text: string }>();
        texts.push(m.text);
      }
      expect(texts).toHaveLength(want.items);
      expect(requests).toHaveLength(want.calls);
      expect(requests.map(query).map((q) => q.per_page)).toEqual(Array(want.calls).fill("2"));
    });
  }
});

describe("Loops: perPage / cursor, { success, pagination: { nextCursor }, data }", () => {
  it("follows nextCursor until null", async () => {
    const { fetch, requests } = scriptedFetch(
      json(200, {
        success: true,
        pagination: { totalResults: 3, nextCursor: "c2" },
        data: [{ themeId: "t1" }, { themeId: "t2" }],
      }),
      json(200, { success: true, pagination: { totalResults: 3, nextCursor: null }, data: [{ themeId: "t3" }] }),
    );
    const client = testClient(fetch);
    const themes = loopsPages((q) => client.GET("/themes", { params: { query: q } }), { perPage: 20 });
    const ids: string[] = [];
    for await (const t of themes) {
      expectTypeOf(t).toEqualTypeOf<{ themeId: string }>();
      ids.push(t.themeId);
    }
    expect(ids).toEqual(["t1", "t2", "t3"]);
    expect(requests.map(query)).toEqual([{ perPage: "20" }, { perPage: "20", cursor: "c2" }]);
  });
});

describe("a list the loop cannot page through throws PaginationError (no endless loop, no silently short list)", () => {
  type Client = ReturnType<typeof testClient>;
  const lifeloop = (client: Client) => lifeloopPages((q) => client.GET("/residents", { params: { query: q } }));
  const loopmessage = (client: Client) =>
    loopMessagePages((q) => client.GET("/conversations", { params: { query: q } }));
  const loops = (client: Client) => loopsPages((q) => client.GET("/themes", { params: { query: q } }));
  // Each page's item names the cursor it was asked with, so pages differ and the cursor check is what fires.
  const theme = (nextCursor: string | null) => (request: Request) =>
    json(200, {
      success: true,
      pagination: { totalResults: 9, nextCursor },
      data: [{ themeId: `after-${new URL(request.url).searchParams.get("cursor")}` }],
    });
  const cases: {
    given: string;
    run: (client: Client) => AsyncIterable<unknown>;
    replies: Reply[];
    want: { items: number; calls: number; message: RegExp };
  }[] = [
    {
      given: "LifeLoop: the server ignores `page` (always page 1, hasMore)",
      run: lifeloop,
      replies: [json(200, { data: [{ residentId: "r1" }], page: 1, pageSize: 1, hasMore: true })],
      want: { items: 1, calls: 2, message: /page 2.*page 1/ },
    },
    {
      given: "LifeLoop: hasMore with an empty page",
      run: lifeloop,
      replies: [json(200, { data: [], page: 1, pageSize: 2, hasMore: true })],
      want: { items: 0, calls: 1, message: /empty/ },
    },
    {
      given: "LoopMessage: the server ignores `page` (Prism's static example: page 1 of 7)",
      run: loopmessage,
      replies: [json(200, { page: 1, num_pages: 7, per_page: 20, count: 132, items: [{ text: "a" }] })],
      want: { items: 1, calls: 2, message: /page 2.*page 1/ },
    },
    {
      given: "LoopMessage: an empty page before num_pages",
      run: loopmessage,
      replies: [json(200, { page: 1, num_pages: 3, per_page: 2, count: 5, items: [] })],
      want: { items: 0, calls: 1, message: /empty/ },
    },
    {
      given: "LoopMessage: no num_pages",
      run: loopmessage,
      replies: [json(200, { page: 1, per_page: 2, count: 5, items: [{ text: "a" }] })],
      want: { items: 0, calls: 1, message: /num_pages/ },
    },
    {
      given: "Loops: a repeated cursor",
      run: loops,
      replies: [theme("same")],
      want: { items: 2, calls: 2, message: /same/ },
    },
    {
      given: "Loops: a cursor cycle A → B → A",
      run: loops,
      replies: [theme("A"), theme("B"), theme("A")],
      want: { items: 3, calls: 3, message: /"A"/ },
    },
  ];
  cases.push(
    // Defect 5: a server that ignores `page` and does not say which page it sent looped forever.
    {
      given: "LifeLoop: the server ignores `page` and omits it (always the same items, hasMore)",
      run: lifeloop,
      replies: [json(200, { data: [{ residentId: "r1" }], pageSize: 1, hasMore: true })],
      want: { items: 1, calls: 2, message: /repeats the previous page/ },
    },
    {
      given: "LoopMessage: the server ignores `page` and omits it (num_pages 7)",
      run: loopmessage,
      replies: [json(200, { num_pages: 7, per_page: 20, count: 132, items: [{ text: "a" }] })],
      want: { items: 1, calls: 2, message: /repeats the previous page/ },
    },
    // Defect 6: empty pages with fresh cursors went on and on; a 200 without a body crashed.
    {
      given: "Loops: an empty page with a fresh cursor",
      run: loops,
      replies: [
        json(200, { success: true, pagination: { totalResults: 9, nextCursor: "c1" }, data: [{ themeId: "t" }] }),
        json(200, { success: true, pagination: { totalResults: 9, nextCursor: "c2" }, data: [] }),
      ],
      want: { items: 1, calls: 2, message: /empty page gave a next cursor/ },
    },
    {
      given: "Loops: a 200 without a body",
      run: loops,
      replies: [new Response(null, { status: 200 })],
      want: { items: 0, calls: 1, message: /without a body/ },
    },
    {
      given: "LifeLoop: a 200 with an empty JSON body",
      run: lifeloop,
      replies: [new Response("", { status: 200, headers: { "content-type": "application/json" } })],
      want: { items: 0, calls: 1, message: /without a body/ },
    },
  );
  for (const { given, run, replies, want } of cases) {
    it(`${given} → PaginationError after ${want.items} item(s), ${want.calls} call(s)`, async () => {
      const { fetch, requests } = scriptedFetch(...replies);
      const seen: unknown[] = [];
      const iterate = async () => {
        for await (const item of run(testClient(fetch)) as AsyncIterable<unknown>) {
          seen.push(item);
          if (seen.length > 50) break;
        }
      };
      const err = await iterate().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(PaginationError);
      expect((err as Error).message).toMatch(want.message);
      expect(seen).toHaveLength(want.items);
      expect(requests).toHaveLength(want.calls);
    });
  }

  it("the next page is the one requested + 1, whatever page the server says it sent", async () => {
    const { fetch, requests } = scriptedFetch(
      json(200, { data: [{ residentId: "a" }], page: 3, pageSize: 1, hasMore: true }),
      json(200, { data: [{ residentId: "b" }], page: 4, pageSize: 1, hasMore: false }),
    );
    const client = testClient(fetch);
    const ids = [];
    for await (const r of lifeloopPages((q) => client.GET("/residents", { params: { query: q } }), { startPage: 3 }))
      ids.push(r.residentId);
    expect(ids).toEqual(["a", "b"]);
    expect(requests.map(query).map((q) => q.page)).toEqual(["3", "4"]);
  });
});

describe("an error page throws the typed APIError (no silent truncation)", () => {
  const cases = [
    {
      given: "LifeLoop page 2 → 500",
      want: InternalServerError,
      run: (client: ReturnType<typeof testClient>) =>
        lifeloopPages((q) => client.GET("/residents", { params: { query: q }, maxRetries: 0 })),
      replies: [
        json(200, { data: [{ residentId: "r1" }], page: 1, pageSize: 1, hasMore: true }),
        json(500, { error: { code: "boom", message: "Internal" } }),
      ],
    },
    {
      given: "LoopMessage page 2 → 404",
      want: NotFoundError,
      run: (client: ReturnType<typeof testClient>) =>
        loopMessagePages((q) => client.GET("/conversations", { params: { query: q } })),
      replies: [
        json(200, { page: 1, num_pages: 2, per_page: 1, count: 2, items: [{ text: "a" }] }),
        json(404, { message: "gone" }),
      ],
    },
    {
      given: "Loops page 2 → 401",
      want: AuthenticationError,
      run: (client: ReturnType<typeof testClient>) =>
        loopsPages((q) => client.GET("/themes", { params: { query: q } })),
      replies: [
        json(200, { success: true, pagination: { totalResults: 2, nextCursor: "c" }, data: [{ themeId: "t1" }] }),
        json(401, { success: false, message: "Invalid API key" }),
      ],
    },
  ];
  for (const { given, want, run, replies } of cases) {
    it(`${given} → ${want.name} after the first page's items`, async () => {
      const { fetch } = scriptedFetch(...replies);
      const seen: unknown[] = [];
      const iterate = async () => {
        for await (const item of run(testClient(fetch)) as AsyncIterable<unknown>) seen.push(item);
      };
      await expect(iterate()).rejects.toBeInstanceOf(want);
      expect(seen).toHaveLength(1);
    });
  }

  it("the thrown error carries the vendor body", async () => {
    const { fetch } = scriptedFetch(json(500, { error: { code: "boom", message: "Internal" } }));
    const client = testClient(fetch, { maxRetries: 0 });
    const iterate = async () => {
      for await (const _ of lifeloopPages((q) => client.GET("/residents", { params: { query: q } }))) void _;
    };
    const err = await iterate().catch((e: APIError) => e);
    expect(err).toBeInstanceOf(APIError);
    expect((err as APIError).error).toEqual({ error: { code: "boom", message: "Internal" } });
  });
});

describe("maxPages / maxItems stop where the caller says", () => {
  const page = (n: number, size: number, hasMore = true) =>
    json(200, {
      data: Array.from({ length: size }, (_, i) => ({ residentId: `p${n}-${i}` })),
      page: n,
      pageSize: size,
      hasMore,
    });
  const replies = [page(1, 3), page(2, 3), page(3, 3), page(4, 3, false)];
  const cases = [
    { given: {}, want: { items: 12, calls: 4 } },
    { given: { maxPages: 2 }, want: { items: 6, calls: 2 } },
    { given: { maxItems: 4 }, want: { items: 4, calls: 2 } },
    { given: { maxItems: 3 }, want: { items: 3, calls: 1 } },
    { given: { maxPages: 1, maxItems: 10 }, want: { items: 3, calls: 1 } },
    { given: { maxPages: 10, maxItems: 100 }, want: { items: 12, calls: 4 } },
  ];
  for (const { given, want } of cases) {
    it(`${JSON.stringify(given)} → ${want.items} items from ${want.calls} page(s)`, async () => {
      const { fetch, requests } = scriptedFetch(...replies.map((r) => r.clone()));
      const client = testClient(fetch);
      const items = [];
      for await (const r of lifeloopPages((q) => client.GET("/residents", { params: { query: q } }), given))
        items.push(r);
      expect(items).toHaveLength(want.items);
      expect(requests).toHaveLength(want.calls);
    });
  }

  it("pages() cuts the last page's items to maxItems", async () => {
    const { fetch } = scriptedFetch(...replies.map((r) => r.clone()));
    const client = testClient(fetch);
    const sizes = [];
    for await (const p of lifeloopPages((q) => client.GET("/residents", { params: { query: q } }), {
      maxItems: 5,
    }).pages())
      sizes.push(p.items.length);
    expect(sizes).toEqual([3, 2]);
  });

  const invalid = [{ maxPages: 0 }, { maxItems: -1 }, { maxPages: 1.5 }, { maxItems: Number.NaN }];
  for (const given of invalid) {
    it(`${JSON.stringify(given, (_k, v) => (typeof v === "number" ? String(v) : v))} → RangeError`, () => {
      expect(() => lifeloopPages(async () => ({ response: new Response() }), given)).toThrow(RangeError);
    });
  }
});

describe("paginate: a custom adapter", () => {
  it("offset-style paging with a typed item", async () => {
    const { fetch } = scriptedFetch(
      json(200, { data: [{ residentId: "a" }], page: 1, pageSize: 1, hasMore: true }),
      json(200, { data: [{ residentId: "b" }], page: 2, pageSize: 1, hasMore: false }),
    );
    const client = testClient(fetch);
    const list = paginate((page: number) => client.GET("/residents", { params: { query: { page } } }), {
      first: 1,
      items: (d) => d.data,
      next: (d, page) => (d.hasMore ? page + 1 : undefined),
    });
    const ids = [];
    for await (const r of list) ids.push(r.residentId);
    expect(ids).toEqual(["a", "b"]);
  });
});
