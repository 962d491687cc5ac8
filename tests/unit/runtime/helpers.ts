/** Test doubles shared by the runtime unit tests: a fake API description and a scripted fetch. */
import { bearerAuth } from "../../../src/runtime/auth.ts";
import { type ApiDefinition, createApiClient, type ClientOptions } from "../../../src/runtime/create-client.ts";

export const SECRET = "sk_live_0123456789abcdefSECRET";

/** A hand-written `paths` in the shape openapi-typescript emits. */
export interface TestPaths {
  "/contacts/{id}": {
    parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: {
        200: { headers: { [name: string]: unknown }; content: { "application/json": { id: string; email: string } } };
        404: {
          headers: { [name: string]: unknown };
          content: { "application/json": { success: false; message: string } };
        };
      };
    };
    put: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody: { content: { "application/json": { email: string } } };
      responses: { 200: { headers: { [name: string]: unknown }; content: { "application/json": { id: string } } } };
    };
    delete: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: { 204: { headers: { [name: string]: unknown }; content?: never } };
    };
  };
  "/events/send": {
    post: {
      parameters: { query?: never; header?: { "Idempotency-Key"?: string }; path?: never; cookie?: never };
      requestBody: { content: { "application/json": { eventName: string } } };
      responses: {
        200: { headers: { [name: string]: unknown }; content: { "application/json": { success: true } } };
        500: {
          headers: { [name: string]: unknown };
          content: { "application/json": { success: false; message: string } };
        };
      };
    };
  };
  "/contacts/create": {
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody: { content: { "application/json": { email: string } } };
      responses: { 200: { headers: { [name: string]: unknown }; content: { "application/json": { id: string } } } };
    };
    patch: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody: { content: { "application/json": { email: string } } };
      responses: { 200: { headers: { [name: string]: unknown }; content: { "application/json": { id: string } } } };
    };
  };
  "/public/status": {
    get: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: { [name: string]: unknown }; content: { "application/json": { ok: boolean } } } };
    };
  };
  "/residents": {
    get: {
      parameters: { query?: { page?: number; pageSize?: number }; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            "application/json": { data: { residentId: string }[]; page: number; pageSize: number; hasMore: boolean };
          };
        };
        500: {
          headers: { [name: string]: unknown };
          content: { "application/json": { error: { code: string; message: string } } };
        };
      };
    };
  };
  "/conversations": {
    get: {
      parameters: { query?: { page?: number; per_page?: number }; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            "application/json": {
              page: number;
              num_pages: number;
              per_page: number;
              count: number;
              items: { text: string }[];
            };
          };
        };
        404: { headers: { [name: string]: unknown }; content: { "application/json": { message: string } } };
      };
    };
  };
  "/themes": {
    get: {
      parameters: { query?: { perPage?: string; cursor?: string }; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: {
        200: {
          headers: { [name: string]: unknown };
          content: {
            "application/json": {
              success: boolean;
              pagination: { totalResults: number; nextCursor: string | null };
              data: { themeId: string }[];
            };
          };
        };
        401: {
          headers: { [name: string]: unknown };
          content: { "application/json": { success: false; message: string } };
        };
      };
    };
  };
}

export type Reply = Response | Error | ((request: Request) => Response | Promise<Response>);

/** A fetch that answers with the scripted replies in order (the last one repeats) and records requests. */
export function scriptedFetch(...replies: Reply[]) {
  const requests: Request[] = [];
  const bodies: string[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    requests.push(request);
    bodies.push(await request.clone().text());
    const reply = replies[Math.min(requests.length - 1, replies.length - 1)]!;
    if (reply instanceof Error) throw reply;
    if (typeof reply === "function") return reply(request);
    return reply.clone();
  };
  return { fetch, requests, bodies };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });

/** The test API: `POST /events/send` takes an Idempotency-Key, `GET /public/status` no credential. */
export const testApi = (): ApiDefinition<TestPaths> => ({
  name: "createTestClient",
  baseUrl: "https://api.test/v1",
  auth: bearerAuth(SECRET, "Test API key"),
  keyed: ["POST /events/send"],
  unsecured: ["GET /public/status"],
});

/** A client over TestPaths; `api` replaces parts of the test API (its base URL, its credential…). */
export function testClient(
  fetch: ((r: Request) => Promise<Response>) | undefined,
  options: ClientOptions = {},
  api: Partial<ApiDefinition<TestPaths>> = {},
) {
  return createApiClient<TestPaths>({ fetch, ...options }, { ...testApi(), ...api });
}

/** Response statuses that are retried, with a zero delay so tests stay retryAtOnce. */
export const retryAtOnce = { "retry-after-ms": "0" };
