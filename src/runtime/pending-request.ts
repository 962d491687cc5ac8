/**
 * `PendingRequest`: what openapi-fetch builds (its `Request` option) for a call that no caller
 * middleware will see. It keeps the URL, method, `Headers` and the init openapi-fetch assembled
 * (serialized body as given, redirect, …) without constructing an undici `Request`; the transport
 * calls `fetch(url, init)` once per attempt, so a call builds one Request, as raw `fetch` does,
 * instead of two (openapi-fetch's, then `fetch`'s copy of it, which re-streams a POST body).
 *
 * Only the runtime's own middleware (path safety, auth, idempotency: url, method, headers) sees
 * one; a client with caller middleware gets real Requests (see README.md).
 */
export class PendingRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  /** The init as openapi-fetch gave it (`body`: the serialized body), `headers` being `this.headers`; the transport sends it. */
  readonly init: RequestInit;

  constructor(input: string | URL, init: RequestInit = {}) {
    // The URL normalization and the early TypeErrors of `new Request(url, init)` (whose message
    // for a URL with credentials quotes the URL: this one does not).
    const url = new URL(input);
    if (url.username || url.password)
      throw new TypeError("Request cannot be constructed from a URL that includes credentials.");
    this.url = url.href;
    const method = (this.method = init.method ?? "GET");
    if (init.body != null && (method === "GET" || method === "HEAD"))
      throw new TypeError("Request with GET/HEAD method cannot have body.");
    const h = init.headers;
    this.headers = init.headers = h instanceof Headers ? h : new Headers(h);
    this.init = init;
  }
}
