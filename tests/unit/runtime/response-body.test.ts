import { describe, expect, it } from "vitest";
import { ResponseTooLargeError } from "../../../src/runtime/errors.ts";
import { json, scriptedFetch, testClient } from "./helpers.ts";

const BODY = '{"id":"c1","email":"a@b.c"}'; // 27 bytes

/** A body that arrives in chunks with no Content-Length (as `Transfer-Encoding: chunked` does). */
const chunked = (text: string, status = 200) =>
  new Response(new Blob([text.slice(0, 10), text.slice(10)]).stream(), {
    status,
    headers: { "content-type": "application/json" },
  });
const declared = (text: string, status = 200) =>
  new Response(text, {
    status,
    headers: { "content-type": "application/json", "content-length": String(new TextEncoder().encode(text).length) },
  });

describe("maxResponseBytes: a body over the limit is a ResponseTooLargeError, never retried", () => {
  const cases = [
    { given: { body: "declared", limit: 27, status: 200 }, want: "data" },
    { given: { body: "chunked", limit: 27, status: 200 }, want: "data" },
    { given: { body: "declared", limit: 26, status: 200 }, want: ResponseTooLargeError },
    { given: { body: "chunked", limit: 26, status: 200 }, want: ResponseTooLargeError },
    { given: { body: "declared", limit: 26, status: 503 }, want: ResponseTooLargeError },
    { given: { body: "chunked", limit: 0, status: 200 }, want: ResponseTooLargeError },
  ] as const;
  for (const { given, want } of cases) {
    it(`${given.status}, ${given.body} 27-byte body, limit ${given.limit} → ${want === "data" ? "the data" : want.name}`, async () => {
      const reply = () => (given.body === "chunked" ? chunked(BODY, given.status) : declared(BODY, given.status));
      const { fetch, requests } = scriptedFetch(reply);
      const client = testClient(fetch, { maxResponseBytes: given.limit, maxRetries: 0 });
      const call = client.GET("/contacts/{id}", { params: { path: { id: "c1" } } });
      if (want === "data") {
        expect((await call).data).toEqual(JSON.parse(BODY));
        return;
      }
      const err = await call.catch((e: unknown) => e);
      expect(err).toBeInstanceOf(want);
      expect(err).toMatchObject({ status: given.status, limit: given.limit });
      expect(requests).toHaveLength(1);
    });
  }

  it("a GET whose body is too large is not retried (the next answer would be as large)", async () => {
    const { fetch, requests } = scriptedFetch(() => declared(BODY));
    const client = testClient(fetch, { maxResponseBytes: 5, maxRetries: 2 });
    await expect(client.GET("/contacts/{id}", { params: { path: { id: "c1" } } })).rejects.toBeInstanceOf(
      ResponseTooLargeError,
    );
    expect(requests).toHaveLength(1);
  });

  it("the default limit is 16 MiB", async () => {
    const big = `"${"x".repeat(16 * 1024 * 1024)}"`;
    const { fetch } = scriptedFetch(() => chunked(big));
    const err = await testClient(fetch)
      .GET("/contacts/{id}", { params: { path: { id: "c1" } } })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: "ResponseTooLargeError", limit: 16 * 1024 * 1024 });
  });
});

describe('parseAs: "stream": the body is handed over unread, still under the limit', () => {
  const read = async (stream: ReadableStream<Uint8Array> | null | undefined) => new Response(stream).text();
  const cases = [
    { given: { body: "chunked", limit: 100 }, want: BODY },
    { given: { body: "declared", limit: 100 }, want: BODY },
    { given: { body: "chunked", limit: 12 }, want: ResponseTooLargeError },
    { given: { body: "declared", limit: 12 }, want: ResponseTooLargeError },
  ] as const;
  for (const { given, want } of cases) {
    it(`${given.body} body, limit ${given.limit} → ${typeof want === "string" ? "the bytes" : want.name}`, async () => {
      const { fetch } = scriptedFetch(() => (given.body === "chunked" ? chunked(BODY) : declared(BODY)));
      const client = testClient(fetch, { maxResponseBytes: given.limit });
      const outcome = await client
        .GET("/contacts/{id}", { params: { path: { id: "c1" } }, parseAs: "stream" })
        .then(({ data }) => read(data))
        .catch((e: unknown) => e);
      if (typeof want === "string") expect(outcome).toBe(want);
      else expect(outcome).toBeInstanceOf(want);
    });
  }
});

describe("the Response the caller gets", () => {
  it("keeps status, headers and url after the body was read", async () => {
    const { fetch } = scriptedFetch(async (request) => {
      const response = json(201, { id: "c1" }, { "x-request-id": "r1" });
      Object.defineProperty(response, "url", { value: request.url });
      return response;
    });
    const { response } = await testClient(fetch).GET("/contacts/{id}", { params: { path: { id: "c1" } } });
    expect({ status: response.status, id: response.headers.get("x-request-id"), url: response.url }).toEqual({
      status: 201,
      id: "r1",
      url: "https://api.test/v1/contacts/c1",
    });
  });

  it("a 204 and a HEAD have no body to read", async () => {
    const { fetch } = scriptedFetch(new Response(null, { status: 204 }));
    const { data, response } = await testClient(fetch).DELETE("/contacts/{id}", { params: { path: { id: "c1" } } });
    expect(data).toBeUndefined();
    expect(response.status).toBe(204);
  });
});
