/**
 * An in-process mock of one API, made from its generated tables: `fetch` routes a request by the
 * spec (server, path template, method), checks it (credentials, parameters, body) and answers a
 * refused one with a 4xx problem naming the field and the rule, a valid one with the spec's
 * example for the operation's success status, or with what `respond` set for the operation. Every
 * request is kept in `calls`. No server, no Node built-in: it runs wherever `fetch` and `Response` do.
 */
import { documentedResponse } from "../validation/response-problems.ts";
import { type OperationSchemas, type SpecExamples, specValidator } from "../validation/spec-validator.ts";
import {
  checkBody,
  checkCredentials,
  checkParameters,
  type ReadRequest,
  type RequestProblem,
} from "./check-request.ts";

export interface OperationRow {
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly server: string;
}

/** What one API's mock is made of: its generated tables. */
export interface MockSpec {
  name: string;
  operations: readonly OperationRow[];
  schemas: OperationSchemas;
  examples: SpecExamples;
}

/** How the mock judged a request. */
export interface Verdict {
  accepted: boolean;
  /** The status answered. */
  status: number;
  /** Why it was refused (empty when accepted). */
  problems: RequestProblem[];
}

export interface MockCall<Id extends string = string> {
  /** The operation the request was routed to; undefined when no operation matches its method and URL. */
  operationId: Id | undefined;
  method: string;
  url: string;
  pathParams: Record<string, string>;
  /** The request's headers, credentials replaced by `[redacted]`. */
  headers: Record<string, string>;
  /** The parsed JSON body (the text when it is not JSON; undefined when there is none). */
  body: unknown;
  verdict: Verdict;
}

export interface MockAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface SpecMock<Id extends string = string> {
  /** The API's name, e.g. `LoopMessage`. */
  readonly name: string;
  /** The spec's servers, whose requests the mock answers (besides those to hosts the spec does not name). */
  readonly servers: readonly string[];
  /** A `fetch` to pass as the client's `fetch` option. */
  fetch: (input: Request | string | URL, init?: RequestInit) => Promise<Response>;
  /** Every request received, oldest first. */
  readonly calls: readonly MockCall<Id>[];
  /** From now on, answer valid requests of `operationId` with this (checked against the spec). */
  respond(operationId: Id, answer: MockAnswer): void;
  /** Forget the calls and every `respond`. */
  reset(): void;
  /**
   * The answer to one request, or undefined when its URL is on none of the spec's servers (for
   * handlers that should let such requests pass, such as MSW's).
   */
  handle(request: Request): Promise<Response | undefined>;
  /**
   * The same behaviour as MSW request handlers, one per server of the spec, made with your MSW's
   * `http` (so this package needs no MSW): `setupServer(...mock.handlers(http))`. Requests to
   * other hosts pass on to your other handlers.
   */
  handlers<Handler>(http: MswHttp<Handler>): Handler[];
}

/** What `handlers` uses of MSW's `http` namespace (`import { http } from "msw"`, MSW 2). */
export interface MswHttp<Handler> {
  all(path: string, resolver: (info: { request: Request }) => Promise<Response | undefined>): Handler;
}

interface Route {
  row: OperationRow;
  pattern: RegExp;
  names: string[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function compile(row: OperationRow): Route {
  const names: string[] = [];
  const source = row.path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return escapeRegExp(part);
      names.push(name);
      return "([^/]+)";
    })
    .join("");
  return { row, pattern: new RegExp(`^${source}$`), names };
}

/** The lowest documented 2xx, else `default`: what Prism answers a valid request with. */
function successKey(responses: Record<string, unknown>): string | undefined {
  const twos = Object.keys(responses)
    .filter((k) => /^2\d\d$/.test(k))
    .sort();
  return (
    twos[0] ?? (Object.hasOwn(responses, "2XX") ? "2XX" : Object.hasOwn(responses, "default") ? "default" : undefined)
  );
}

/** The response key documenting `status`: itself, its class (`4XX`), or `default`. */
const statusOf = (key: string) => (/^\d{3}$/.test(key) ? Number(key) : key === "default" ? 200 : Number(key[0]) * 100);

/** The answer to a request that sends a `cursor`: the example as the last page (every `nextCursor`, `nextPage` null). */
function lastPage(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lastPage);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === "nextCursor" || k === "nextPage" ? null : lastPage(v)]),
  );
}

function problemResponse(status: number, title: string, problems: RequestProblem[]): Response {
  const detail = problems
    .map((p) => `${p.in}${p.name ? ` ${p.name}` : ""}${p.pointer ? ` ${p.pointer}` : ""}: ${p.message} (${p.rule})`)
    .join("; ");
  const body = { type: "about:blank", title, status, detail, errors: problems };
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/problem+json" } });
}

const NO_BODY = new Set([204, 205, 304]);

function answerResponse(answer: MockAnswer, mediaType: string | undefined): Response {
  const headers = new Headers(answer.headers);
  if (answer.body === undefined || NO_BODY.has(answer.status))
    return new Response(null, { status: answer.status, headers });
  if (!headers.has("content-type")) headers.set("content-type", mediaType ?? "application/json");
  const text =
    typeof answer.body === "string" && !/json/.test(headers.get("content-type")!)
      ? answer.body
      : JSON.stringify(answer.body);
  return new Response(text, { status: answer.status, headers });
}

export function createSpecMock<Id extends string = string>(spec: MockSpec): SpecMock<Id> {
  const validator = specValidator(spec.schemas);
  const routes = spec.operations.map(compile);
  const servers = [...new Set(spec.operations.map((row) => row.server))];
  const specOrigins = new Set(servers.map((s) => new URL(s).origin));
  const calls: MockCall<Id>[] = [];
  const answers = new Map<string, MockAnswer>();
  // Header names that carry a credential, kept out of `calls`.
  const secretHeaders = new Set(["authorization", "cookie"]);
  for (const scheme of Object.values(spec.schemas.securitySchemes)) {
    if (scheme.in === "header" && scheme.name) secretHeaders.add(scheme.name.toLowerCase());
  }

  const bases = new Map(
    servers.map((s) => [s, { origin: new URL(s).origin, prefix: new URL(s).pathname.replace(/\/$/, "") }]),
  );

  /** The request's path relative to `server`, or undefined when it is not on that server. */
  function pathOn(url: URL, server: string): string | undefined {
    const base = bases.get(server)!;
    // A request to a host the spec does not name (a custom `baseUrl`) is taken as the server's root.
    if (!specOrigins.has(url.origin)) return url.pathname;
    if (url.origin !== base.origin) return undefined;
    return url.pathname.startsWith(`${base.prefix}/`) ? url.pathname.slice(base.prefix.length) : undefined;
  }

  function route(method: string, url: URL): { route?: Route; params: Record<string, string>; pathMatched: boolean } {
    let pathMatched = false;
    for (const candidate of routes) {
      const path = pathOn(url, candidate.row.server);
      const match = path === undefined ? null : candidate.pattern.exec(path);
      if (!match) continue;
      pathMatched = true;
      if (candidate.row.method.toUpperCase() !== method) continue;
      const params = Object.fromEntries(candidate.names.map((name, i) => [name, safeDecode(match[i + 1]!)]));
      return { route: candidate, params, pathMatched };
    }
    return { params: {}, pathMatched };
  }

  function validate(operationId: string, answer: MockAnswer): MockAnswer {
    const rule = spec.schemas.operations[operationId];
    if (!rule) throw new TypeError(`respond: ${spec.name} has no operation \`${operationId}\`.`);
    const documented = Object.keys(rule.responses);
    const key = Number.isInteger(answer?.status) ? documentedResponse(rule, answer.status) : undefined;
    if (key === undefined) {
      throw new TypeError(
        `respond: ${operationId} does not document status ${String(answer?.status)} (documented: ${documented.join(", ")}).`,
      );
    }
    const example = spec.examples.operations[operationId]?.[key];
    const headers = { ...stringHeaders(example?.headers), ...answer.headers };
    if (answer.body === undefined) return { status: answer.status, body: example?.body, headers };
    const problems = validator.check(rule.responses[key]!.schema, answer.body);
    if (problems.length > 0) {
      const list = problems.map((p) => `${p.pointer || "/"}: ${p.message}`).join("; ");
      throw new TypeError(
        `respond: this ${answer.status} body of ${operationId} breaks the spec's ${key} schema: ${list}`,
      );
    }
    return { status: answer.status, body: answer.body, headers };
  }

  async function handle(request: Request | Incoming): Promise<Response | undefined> {
    const url = new URL(request.url);
    if (specOrigins.has(url.origin) && !servers.some((s) => pathOn(url, s) !== undefined)) return undefined;
    const method = request.method.toUpperCase();
    const text = request instanceof Request ? (request.body ? await request.text() : "") : request.text;
    let body: unknown;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    const found = route(method, url);
    const read: ReadRequest = { url, headers: request.headers, pathParams: found.params, text, body };
    const record = (operationId: string | undefined, response: Response, problems: RequestProblem[]) => {
      calls.push({
        operationId: operationId as Id | undefined,
        method,
        url: url.href,
        pathParams: found.params,
        headers: Object.fromEntries(
          [...request.headers].map(([name, value]) => [name, secretHeaders.has(name) ? "[redacted]" : value]),
        ),
        body: body ?? (text === "" ? undefined : text),
        verdict: { accepted: response.ok, status: response.status, problems },
      });
      return response;
    };

    if (!found.route) {
      const status = found.pathMatched ? 405 : 404;
      const message = found.pathMatched
        ? `${method} is not allowed on this path.`
        : "No operation of the spec has this path.";
      const problem: RequestProblem = { in: "path", pointer: "", rule: "route", message, found: method };
      return record(
        undefined,
        problemResponse(status, found.pathMatched ? "Method Not Allowed" : "Not Found", [problem]),
        [problem],
      );
    }
    const { operationId } = found.route.row;
    const rule = spec.schemas.operations[operationId]!;
    const missing = checkCredentials(rule, validator, read);
    if (missing.length > 0) return record(operationId, problemResponse(401, "Unauthorized", missing), missing);
    const problems = [...checkParameters(rule, validator, read), ...checkBody(rule, validator, read)];
    if (problems.length > 0) {
      const unsupported = problems.some((p) => p.rule === "mediaType");
      // Like Prism: 415 for a body of the wrong media type; otherwise the operation's documented 422, else 400.
      const status = unsupported
        ? 415
        : Object.hasOwn(rule.responses, "422")
          ? 422
          : Object.hasOwn(rule.responses, "400")
            ? 400
            : 422;
      return record(operationId, problemResponse(status, "Invalid request", problems), problems);
    }
    let answer = answers.get(operationId);
    if (!answer) {
      const key = successKey(rule.responses);
      const example = key === undefined ? undefined : spec.examples.operations[operationId]?.[key];
      const page = url.searchParams.has("cursor") ? lastPage(example?.body) : example?.body;
      answer = {
        status: key === undefined ? 200 : statusOf(key),
        body: page,
        headers: stringHeaders(example?.headers),
      };
    }
    const key = documentedResponse(rule, answer.status);
    return record(operationId, answerResponse(answer, key ? rule.responses[key]?.mediaType : undefined), []);
  }

  return {
    name: spec.name,
    servers,
    async fetch(input, init) {
      const request = incoming(input, init) ?? (input instanceof Request && !init ? input : new Request(input, init));
      return (
        (await handle(request)) ??
        problemResponse(404, "Not Found", [
          {
            in: "path",
            pointer: "",
            rule: "route",
            message: `${request.url} is on none of ${spec.name}'s servers.`,
            found: "string",
          },
        ])
      );
    },
    calls,
    respond(operationId, answer) {
      answers.set(operationId, validate(operationId, answer));
    },
    reset() {
      calls.length = 0;
      answers.clear();
    },
    handle,
    // MSW matches `*` across segments; the resolver answers only what is on the server's path.
    handlers: (http) =>
      servers.map((server) => http.all(`${server.replace(/\/$/, "")}/*`, ({ request }) => handle(request))),
  };
}

/** A request given as a URL and a text body, read without building a `Request` (which costs more than the rest). */
interface Incoming {
  url: string;
  method: string;
  headers: Headers;
  text: string;
}

function incoming(input: Request | string | URL, init: RequestInit | undefined): Incoming | undefined {
  if (input instanceof Request || (init?.body != null && typeof init.body !== "string")) return undefined;
  const url = String(input);
  if (!URL.canParse(url)) return undefined;
  return { url, method: init?.method ?? "GET", headers: new Headers(init?.headers), text: init?.body ?? "" };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function stringHeaders(headers: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  );
}
