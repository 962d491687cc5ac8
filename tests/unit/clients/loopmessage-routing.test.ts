// LoopMessage host routing with an injected fetch: every row of the generated operations table
// goes to its spec server (or the override for it), with the path parameters still encoded.
import { describe, expect, it } from "vitest";
import { createLoopMessageClient, type LoopMessageClientOptions } from "../../../src/clients/loopmessage.ts";
import { defaultServer, operations, unsecuredOperations } from "../../../generated/loopmessage/operations.ts";

const API_KEY = "lm_test_key_0123456789SECRET";
const TRACKER = "https://t.imsg.link";

function recorder(status = 200, body: unknown = { success: true }) {
  const requests: { request: Request; body: string }[] = [];
  const fetch = async (request: Request) => {
    requests.push({ request, body: await request.clone().text() });
    return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  };
  return { fetch, requests };
}

/** A value that needs percent-encoding in a path segment. */
const RAW_PARAM = "a b/c?d#+é";
const ENCODED_PARAM = encodeURIComponent(RAW_PARAM);

type LooseRequest = (method: string, path: string, init?: Record<string, unknown>) => Promise<{ response: Response }>;

/** Calls one operation of the table through the typed client (loosely typed: we iterate rows). */
async function callRow(options: Partial<LoopMessageClientOptions>, row: (typeof operations)[number]) {
  const { fetch, requests } = recorder();
  const client = createLoopMessageClient({ apiKey: API_KEY, fetch, maxRetries: 0, ...options });
  const names = [...row.path.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!);
  const path = Object.fromEntries(names.map((n) => [n, RAW_PARAM]));
  const hasBody = row.method === "post" || row.method === "patch";
  await (client.request as unknown as LooseRequest)(row.method.toUpperCase(), row.path, {
    params: { path },
    ...(hasBody ? { body: { probe: true } } : {}),
  });
  expect(requests).toHaveLength(1);
  const sent = requests[0]!;
  const expectedPath = row.path.replace(/\{[^{}]+\}/g, ENCODED_PARAM);
  return { sent, expectedPath, hasBody };
}

describe("LoopMessage host routing", () => {
  it("the table has both hosts (so the test below exercises routing)", () => {
    expect(new Set(operations.map((op) => op.server))).toEqual(new Set([defaultServer, TRACKER]));
  });

  describe.each(operations.map((op) => [`${op.operationId} (${op.method.toUpperCase()} ${op.path})`, op] as const))(
    "%s",
    (_name, row) => {
      const secured = !(unsecuredOperations as readonly string[]).includes(`${row.method.toUpperCase()} ${row.path}`);
      it(`goes to its spec server ${row.server}, path params encoded, ${secured ? "key sent raw" : "no key (security: [])"}`, async () => {
        const { sent, expectedPath, hasBody } = await callRow({}, row);
        expect(sent.request.url).toBe(row.server + expectedPath);
        expect(sent.request.method).toBe(row.method.toUpperCase());
        // Defect 2: the key went to the opt-in tracker too, whose spec says `security: []`.
        expect(sent.request.headers.get("authorization")).toBe(secured ? API_KEY : null);
        if (hasBody) expect(JSON.parse(sent.body)).toEqual({ probe: true });
      });

      it("goes to the override of its server, keeping the override path prefix", async () => {
        const servers = { [defaultServer]: "http://127.0.0.1:4010/root/", [TRACKER]: "http://127.0.0.1:4011/tracker" };
        const { sent, expectedPath, hasBody } = await callRow({ servers }, row);
        const base = row.server === TRACKER ? "http://127.0.0.1:4011/tracker" : "http://127.0.0.1:4010/root";
        expect(sent.request.url).toBe(base + expectedPath);
        if (hasBody) expect(JSON.parse(sent.body)).toEqual({ probe: true });
      });

      it("ignores overrides of the other server", async () => {
        const other = row.server === TRACKER ? defaultServer : TRACKER;
        const { sent, expectedPath } = await callRow({ servers: { [other]: "https://proxy.test" } }, row);
        expect(sent.request.url).toBe(row.server + expectedPath);
      });
    },
  );

  // An option passed as `undefined` (e.g. `querySerializer: config.querySerializer`) keeps the default.
  const serializerOptions: { given: string; options: Partial<LoopMessageClientOptions> }[] = [
    { given: "no querySerializer option", options: {} },
    { given: "querySerializer: undefined", options: { querySerializer: undefined } },
  ];
  for (const { given, options } of serializerOptions) {
    it(`sends the free-form opt-in query as plain name=value pairs (style form, explode), ${given}`, async () => {
      const { fetch, requests } = recorder();
      const client = createLoopMessageClient({
        apiKey: API_KEY,
        fetch,
        servers: { [TRACKER]: "https://mock.test" },
        ...options,
      });
      await client.GET("/tracker-api/v1/generate-url/{organization_id}/", {
        params: {
          path: { organization_id: "org 1" },
          query: { params: { body: "Join [opt-in-code]", sender_type: "shared", utm_source: "ad&x" } },
        },
      });
      const url = new URL(requests[0]!.request.url);
      expect(url.origin + url.pathname).toBe("https://mock.test/tracker-api/v1/generate-url/org%201/");
      expect([...url.searchParams]).toEqual([
        ["body", "Join [opt-in-code]"],
        ["sender_type", "shared"],
        ["utm_source", "ad&x"],
      ]);
    });
  }

  // The opt-in link's free-form `params`: a name is data too, and must not inject another pair.
  const names = ["utm&sender_type=shared", "c++", "50%off", "a#b", "x=y", "é ü"];
  for (const name of names) {
    it(`the query parameter name ${JSON.stringify(name)} is percent-encoded and round-trips`, async () => {
      const { fetch, requests } = recorder();
      const client = createLoopMessageClient({ apiKey: API_KEY, fetch });
      await client.GET("/tracker-api/v1/generate-url/{organization_id}/", {
        params: { path: { organization_id: "org_1" }, query: { params: { [name]: "1", body: "hi" } } },
      });
      const url = new URL(requests[0]!.request.url);
      expect([...url.searchParams]).toEqual([
        [name, "1"],
        ["body", "hi"],
      ]);
    });
  }

  it("keeps per-request runtime options after moving the request (maxRetries: 0 → one attempt)", async () => {
    const { fetch, requests } = recorder(500, { success: false, code: 1000 });
    const client = createLoopMessageClient({ apiKey: API_KEY, fetch, maxRetries: 3 });
    const { response } = await client.GET("/tracker-api/v1/generate-url/{organization_id}/", {
      params: { path: { organization_id: "org_1" } },
      maxRetries: 0,
    } as never);
    expect(response.status).toBe(500);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.request.url.startsWith(TRACKER + "/")).toBe(true);
  });

  it("rejects an unknown server key at construction, naming the known ones", () => {
    const servers = { "https://b.loopmessage.com": "http://x.test" } as LoopMessageClientOptions["servers"];
    expect(() => createLoopMessageClient({ apiKey: API_KEY, servers })).toThrow(TypeError);
    expect(() => createLoopMessageClient({ apiKey: API_KEY, servers })).toThrow(
      /unknown server "https:\/\/b\.loopmessage\.com".*https:\/\/a\.loopmessage\.com, https:\/\/t\.imsg\.link/,
    );
  });

  const badTargets = [
    { given: "not a url", want: /is not an absolute URL/ },
    { given: "ftp://x.test", want: /https:\/\/ URL/ },
    { given: "http://proxy.test", want: /allowInsecureHttp/ },
    // Defect 9: proxy credentials in `servers` reached undici's error text.
    { given: "https://user:proxy-pass-123@proxy.test", want: /must not contain credentials/ },
  ];
  for (const { given, want } of badTargets) {
    it(`rejects the override ${given} at construction, without echoing it`, () => {
      const make = () => createLoopMessageClient({ apiKey: API_KEY, servers: { [TRACKER]: given } });
      expect(make).toThrow(TypeError);
      expect(make).toThrow(want);
      expect(make).toThrow(/^createLoopMessageClient: `servers` for https:\/\/t\.imsg\.link /);
      try {
        make();
      } catch (e) {
        expect((e as Error).message).not.toContain("proxy-pass-123");
      }
    });
  }

  it("a plain http override to a non-loopback host is accepted with allowInsecureHttp", async () => {
    const { fetch, requests } = recorder();
    const client = createLoopMessageClient({
      apiKey: API_KEY,
      fetch,
      allowInsecureHttp: true,
      servers: { [defaultServer]: "http://proxy.test/lm" },
    });
    await client.GET("/v1/message/status/{id}/", { params: { path: { id: "m1" } } });
    expect(requests[0]!.request.url).toBe("http://proxy.test/lm/v1/message/status/m1/");
  });

  it.each([
    ["empty", ""],
    ["blank", " \t "],
    ["missing", undefined],
    ["not a string", 42],
  ])("rejects a %s apiKey with a clear TypeError", (_name, apiKey) => {
    const make = () => createLoopMessageClient({ apiKey: apiKey as string });
    expect(make).toThrow(TypeError);
    expect(make).toThrow(/^createLoopMessageClient: `apiKey` is missing or blank/);
  });

  it("never puts the key in a construction error", () => {
    try {
      createLoopMessageClient({ apiKey: API_KEY, servers: { "https://nope.test": "http://x.test" } as never });
      expect.unreachable();
    } catch (e) {
      expect(String((e as Error).message)).not.toContain(API_KEY);
      expect(String((e as Error).stack)).not.toContain(API_KEY);
    }
  });
});
