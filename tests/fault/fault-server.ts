// The faulty loopback server. Every call is planned before it is sent (its id, sent as
// `X-Fault-Id`, names its API and operation); the server checks that each attempt arrives where that
// operation lives (under `/<api>`), records it on the call, and answers with the fault drawn for it
// or like the API: the operation's 2xx, with the spec's example as its body. For a keyed operation
// it behaves as Loops documents: a key it answered 2xx before gets 409 ("Idempotency key has been
// used."), so a key changed between attempts would show as a call answered 2xx twice.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Attempt, CallRecord } from "./checks.ts";
import { faultFor } from "./faults.ts";

/** Where a call must arrive and how a healthy answer looks. */
export interface Route {
  method: string;
  /** The operation's path (templates as `[^/]+`), below the API's prefix. */
  pattern: RegExp;
  status: number;
  body: string;
}

export interface PlannedCall extends CallRecord {
  route: Route;
}

export interface FaultServer {
  url: string;
  /** Requests that named no planned call (`id` as sent) or arrived elsewhere than its operation. */
  misrouted: { id: string; request: string }[];
  close(): Promise<void>;
}

function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    req.on("data", () => {});
    req.on("end", resolve);
    req.on("error", reject);
  });
}

const sendJson = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
};

/** The headers and the first half of a JSON body; the rest never comes. */
const halfBody = (res: ServerResponse, body: string) => {
  const whole = body || '{"padding":"this body is cut off"}';
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(whole) });
  res.write(whole.slice(0, Math.floor(whole.length / 2)));
};

/** Serves the calls of `calls` (filled by the caller before it sends each one). */
export async function startFaultServer(
  seed: number,
  calls: ReadonlyMap<string, PlannedCall>,
  hardLimitMs: number,
): Promise<FaultServer> {
  const misrouted: FaultServer["misrouted"] = [];
  const usedKeys = new Set<string>();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    await drain(req);
    const id = String(req.headers["x-fault-id"] ?? "");
    const call = calls.get(id);
    const { pathname } = new URL(req.url ?? "/", "http://fault.test");
    const prefix = `/${call?.api}`;
    if (
      !call ||
      req.method !== call.route.method ||
      !pathname.startsWith(`${prefix}/`) ||
      !call.route.pattern.test(pathname.slice(prefix.length))
    ) {
      misrouted.push({ id, request: `${req.method} ${pathname}` });
      return sendJson(res, 404, '{"message":"no such call here"}');
    }

    const header = req.headers["idempotency-key"];
    const key = typeof header === "string" && header !== "" ? header : undefined;
    const fault = faultFor(seed, id, call.attempts.length);
    const attempt: Attempt = { answer: fault ?? "2xx", acted: false, key };
    call.attempts.push(attempt);
    /** The server acts on a request it answers 2xx (wholly or not), unless its key was used before. */
    const act = () => {
      if (call.kind === "keyed" && key !== undefined) {
        if (usedKeys.has(key)) {
          attempt.answer = "409 replay";
          sendJson(res, 409, '{"success":false,"message":"Idempotency key has been used."}');
          return false;
        }
        usedKeys.add(key);
      }
      return (attempt.acted = true);
    };
    const { route } = call;
    switch (fault) {
      case "503":
        return sendJson(res, 503, '{"message":"injected: service unavailable"}');
      case "429 Retry-After: 0":
        return sendJson(res, 429, '{"message":"injected: slow down"}', { "retry-after": "0" });
      case "429 retry-after-ms":
        return sendJson(res, 429, '{"message":"injected: slow down"}', { "retry-after-ms": "3" });
      case "reset":
        req.socket.destroy();
        return;
      case "stall":
        return; // never answered: the client's timeout fires; the socket is closed by the client or at shutdown
      // A 2xx lost on the way: the server acted, the client never got the whole answer.
      case "body cut":
        if (!act()) return;
        halfBody(res, route.body);
        setTimeout(() => req.socket.destroy(), 5);
        return;
      case "body stall":
        if (!act()) return;
        halfBody(res, route.body); // the client's timeout fires while it reads the body
        return;
      default:
        if (!act()) return;
        return route.body === "" ? void res.writeHead(route.status).end() : sendJson(res, route.status, route.body);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  // No idle-connection timeout: on real time, it would close a pooled socket just as a retry is
  // sent on it (a connection error that never reaches the server, only on a slow machine).
  server.keepAliveTimeout = 0;
  const shutdown = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  const hardLimit = setTimeout(shutdown, hardLimitMs); // whatever happens, the server goes away
  hardLimit.unref();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    misrouted,
    close: () => {
      clearTimeout(hardLimit);
      return shutdown();
    },
  };
}
