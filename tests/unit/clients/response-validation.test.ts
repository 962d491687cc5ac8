// `validateResponses`: a LifeLoop client against a loopback server that answers what the test
// scripts (a facility without `timezone` and with a numeric `name`, an undocumented status…).
// "report" returns the data and tells onDrift each place once; "throw" raises ResponseValidationError.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createLifeLoopClient, type LifeLoopClientOptions } from "../../../src/clients/lifeloop.ts";
import { APIError, ResponseValidationError, type DriftReport } from "../../../src/runtime/index.ts";

const TOKEN = "ll_tok_9f8e7d6c5b4a3210LIVEKEY";
const SECRET_VALUE = "sk_live_body_value_4242424242SECRET";

// What the server answers next: status and body.
let answer: { status: number; body: unknown };
let server: Server;
let baseUrl = "";

beforeAll(async () => {
  server = createServer((_req, res) => {
    res.writeHead(answer.status, { "content-type": "application/json" });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const drifting = { data: { id: "f1", name: 42, tenant: SECRET_VALUE } }; // no timezone, a numeric name
const valid = { data: { id: "f1", name: "Maple House", tenant: "t1", timezone: "America/Chicago" } };

let reports: DriftReport[];
beforeEach(() => {
  reports = [];
  answer = { status: 200, body: drifting };
});

const client = (options: Partial<LifeLoopClientOptions> = {}) =>
  createLifeLoopClient({
    token: TOKEN,
    tenant: "t1",
    baseUrl,
    rateLimit: false,
    maxRetries: 0,
    onDrift: (report) => reports.push(report),
    ...options,
  });
const getFacility = (c: ReturnType<typeof client>, init: object = {}) =>
  c.GET("/facilities/{facilityId}", { params: { path: { facilityId: "f1" } }, ...init });

const places = (report: DriftReport | undefined) => report?.problems.map((p) => [p.pointer, p.rule, p.found]);

describe('validateResponses: "report"', () => {
  it("returns the data and reports a facility without timezone and with a numeric name, both places once", async () => {
    const c = client({ validateResponses: "report" });
    const first = await getFacility(c);
    expect(first.data).toEqual(drifting);
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      api: "lifeloop",
      operationId: "getFacility",
      method: "GET",
      path: "/facilities/{facilityId}",
      status: 200,
    });
    expect(places(reports[0])).toEqual(
      expect.arrayContaining([
        ["/data/timezone", "required", "missing"],
        ["/data/name", "type", "integer"],
      ]),
    );
    expect(reports[0]!.problems).toHaveLength(2);
    for (const p of reports[0]!.problems) expect(p.expected).toBeTruthy();

    // The same problems again: nothing new to report.
    const second = await getFacility(c);
    expect(second.data).toEqual(drifting);
    expect(reports).toHaveLength(1);
  });

  it("reports a new place later, and nothing for an answer that matches the spec", async () => {
    const c = client({ validateResponses: "report" });
    await getFacility(c);
    answer = { status: 200, body: valid };
    await getFacility(c);
    expect(reports).toHaveLength(1);
    answer = { status: 200, body: { data: { ...valid.data, tenant: 7 } } };
    await getFacility(c);
    expect(reports).toHaveLength(2);
    expect(places(reports[1])).toEqual([["/data/tenant", "type", "integer"]]);
  });

  it("each client reports once on its own: the memory of reported problems is the client's", async () => {
    await getFacility(client({ validateResponses: "report" }));
    await getFacility(client({ validateResponses: "report" }));
    expect(reports).toHaveLength(2);
  });

  it("one item of an array stands for all: a page of 50 residents lacking `status` is one problem", async () => {
    const resident = (i: number) => ({ id: `r${i}`, firstName: "A", lastName: "B", facilityId: "f1" });
    answer = {
      status: 200,
      body: { data: Array.from({ length: 50 }, (_, i) => resident(i)), page: 1, pageSize: 50, hasMore: false },
    };
    await client({ validateResponses: "report" }).GET("/facilities/{facilityId}/residents", {
      params: { path: { facilityId: "f1" } },
    });
    expect(places(reports[0])).toEqual([["/data/0/status", "required", "missing"]]);
  });

  it("an undocumented status is drift; a documented error status is checked against its schema", async () => {
    const c = client({ validateResponses: "report" });
    answer = { status: 418, body: { message: "teapot" } };
    const teapot = await getFacility(c);
    expect(teapot.response.status).toBe(418);
    expect(reports[0]).toMatchObject({ operationId: "getFacility", status: 418 });
    expect(reports[0]!.problems).toEqual([
      { pointer: "", rule: "status", expected: expect.stringContaining("404"), found: "418" },
    ]);
    answer = { status: 404, body: { status: 404, message: "Facility not found." } };
    await getFacility(c);
    expect(reports).toHaveLength(1);
    answer = { status: 404, body: { message: "Facility not found." } };
    await getFacility(c);
    expect(places(reports[1])).toEqual([["/status", "required", "missing"]]);
  });

  it("never puts a body value or the credential in a report", async () => {
    answer = { status: 200, body: { data: { id: SECRET_VALUE, name: 42, tenant: 7, extra: SECRET_VALUE } } };
    await getFacility(client({ validateResponses: "report" }));
    const text = JSON.stringify(reports);
    expect(reports).toHaveLength(1);
    expect(text).not.toContain(SECRET_VALUE);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain("42");
  });
});

describe('validateResponses: "throw"', () => {
  it("raises a ResponseValidationError naming getFacility, carrying the report and the response", async () => {
    const error = await getFacility(client({ validateResponses: "throw" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(error).toBeInstanceOf(APIError);
    const e = error as ResponseValidationError;
    expect(e.name).toBe("ResponseValidationError");
    expect(e.message).toContain("getFacility");
    expect(e.status).toBe(200);
    expect(e.report.operationId).toBe("getFacility");
    expect(e.report.problems).toHaveLength(2);
    expect(e.response.status).toBe(200);
    expect(e.body).toEqual(drifting);
  });

  it("throws every time, though onDrift hears of each problem once", async () => {
    const c = client({ validateResponses: "throw" });
    await expect(getFacility(c)).rejects.toThrow(ResponseValidationError);
    await expect(getFacility(c)).rejects.toThrow(ResponseValidationError);
    expect(reports).toHaveLength(1);
  });

  it("prints neither a body value nor the credential (message, toString, JSON, inspect)", async () => {
    answer = { status: 200, body: { data: { id: SECRET_VALUE, name: 42, tenant: 7 } } };
    const error = await getFacility(client({ validateResponses: "throw" })).catch((e: unknown) => e);
    const { inspect } = await import("node:util");
    for (const text of [String(error), JSON.stringify(error), inspect(error, { depth: 5 })]) {
      expect(text).not.toContain(SECRET_VALUE);
      expect(text).not.toContain(TOKEN);
    }
  });

  it("returns an answer that matches the spec as usual", async () => {
    answer = { status: 200, body: valid };
    const { data } = await getFacility(client({ validateResponses: "throw" }));
    expect(data).toEqual(valid);
  });
});

describe("validateResponses, per call and off", () => {
  it("is off by default: no report, the data as sent", async () => {
    const { data } = await getFacility(client());
    expect(data).toEqual(drifting);
    expect(reports).toEqual([]);
  });

  it("a call's option overrides the client's, both ways", async () => {
    await expect(getFacility(client(), { validateResponses: "throw" })).rejects.toThrow(ResponseValidationError);
    const { data } = await getFacility(client({ validateResponses: "throw" }), { validateResponses: "off" });
    expect(data).toEqual(drifting);
  });

  it("only JSON answers are checked: parseAs text leaves the body alone", async () => {
    const { data } = await getFacility(client({ validateResponses: "throw" }), { parseAs: "text" });
    expect(data).toBe(JSON.stringify(drifting));
  });

  it("refuses an unknown mode and an onDrift that is not a function, naming the option", async () => {
    expect(() => client({ validateResponses: "strict" as never })).toThrow(/validateResponses/);
    expect(() => client({ onDrift: "log" as never })).toThrow(/onDrift/);
    await expect(getFacility(client(), { validateResponses: "yes" })).rejects.toThrow(/validateResponses/);
  });
});
