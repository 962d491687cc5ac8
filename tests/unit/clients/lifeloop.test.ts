// The LifeLoop factory: credentials checked at construction, the tenant filled into every path.
import { describe, expect, it } from "vitest";
import { createLifeLoopClient, type LifeLoopClientOptions } from "../../../src/clients/lifeloop.ts";

const TOKEN = "ll_live_secret_token_123";

function recorder() {
  const seen: Request[] = [];
  const fetch = async (request: Request) => {
    seen.push(request);
    return Response.json({ data: { id: "fac-001", name: "Sunrise", tenant: "sunrise-001", timezone: "UTC" } });
  };
  return { seen, fetch };
}

describe("createLifeLoopClient", () => {
  const bad: { name: string; options: Partial<LifeLoopClientOptions> }[] = [
    { name: "no token", options: { tenant: "sunrise-001" } },
    { name: "blank token", options: { token: "   ", tenant: "sunrise-001" } },
    { name: "no tenant", options: { token: TOKEN } },
    { name: "blank tenant", options: { token: TOKEN, tenant: " " } },
    { name: "tenant `..`", options: { token: TOKEN, tenant: ".." } },
    { name: "tenant with a slash", options: { token: TOKEN, tenant: "a/b" } },
    { name: "a token of 5 characters", options: { token: "ll_12", tenant: "sunrise-001" } },
    {
      name: "baseUrl with credentials",
      options: { token: TOKEN, tenant: "sunrise-001", baseUrl: "https://u:pw@x.test" },
    },
    { name: "baseUrl with a query", options: { token: TOKEN, tenant: "sunrise-001", baseUrl: "https://x.test/?a=1" } },
    { name: "plain http baseUrl", options: { token: TOKEN, tenant: "sunrise-001", baseUrl: "http://x.test/api" } },
  ];
  for (const { name, options } of bad) {
    it(`throws a TypeError for ${name}, without the token`, () => {
      let error: unknown;
      try {
        createLifeLoopClient(options as LifeLoopClientOptions);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(TypeError);
      expect(String(error)).toMatch(/createLifeLoopClient: `(token|tenant|baseUrl)`/);
      expect(String(error)).not.toContain(TOKEN);
    });
  }

  it("fills the tenant into the path and sends the bearer token", async () => {
    const { seen, fetch } = recorder();
    const client = createLifeLoopClient({
      token: TOKEN,
      tenant: "sunrise-001",
      baseUrl: "https://mock.test/api/v1/",
      fetch,
    });
    const { data, error } = await client.GET("/facilities/{facilityId}", {
      params: { path: { facilityId: "fac-001" } },
    });
    expect(error).toBeUndefined();
    expect(data?.data.id).toBe("fac-001");
    expect(seen[0]!.url).toBe("https://mock.test/api/v1/sunrise-001/facilities/fac-001");
    expect(seen[0]!.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
  });

  it("defaults to the spec's server", async () => {
    const { seen, fetch } = recorder();
    await createLifeLoopClient({ token: TOKEN, tenant: "sunrise_001", fetch }).GET("/facilities");
    expect(seen[0]!.url).toBe("https://api.lifeloop.com/api/v1/sunrise_001/facilities");
  });
});
