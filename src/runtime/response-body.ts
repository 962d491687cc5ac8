/**
 * The response body, read inside the attempt: so a connection cut or a stall while it arrives is
 * that attempt's connection error or timeout (typed, and retried when the request is safe), and a
 * body over the size limit is refused before it fills memory. The bytes are then parsed the way
 * openapi-fetch's `parseAs` would (openapi-fetch itself is asked for the unread `stream`), so a
 * body is read once, as openapi-fetch alone would read it. An error status's body goes back to
 * openapi-fetch as a copy, scrubbed of registered secrets.
 */
import type { ParseAs } from "openapi-fetch";
import { ResponseTooLargeError } from "./errors.ts";
import { scrub } from "./redact.ts";

export const DEFAULT_MAX_RESPONSE_BYTES = 2 ** 24; // 16 MiB

/** Stateless without `{ stream: true }`, so one serves every call. */
const utf8 = new TextDecoder();

/** A Response over `body` with the status and headers of `from` (and its `url`, which the constructor cannot set). */
export function copyResponse(from: Response, body: BodyInit | null): Response {
  const response = new Response(body, { status: from.status, statusText: from.statusText, headers: from.headers });
  if (from.url) Object.defineProperty(response, "url", { value: from.url });
  return response;
}

/** The error for a body over `limit`, once the body's stream (or its reader) is cancelled. */
function tooLarge(
  response: Response,
  limit: number,
  stream: { cancel(): Promise<void> } | null,
): ResponseTooLargeError {
  void stream?.cancel().catch(() => {});
  return new ResponseTooLargeError(response, limit);
}

/** `response.body`, unless its declared Content-Length is already over `limit`. */
function declaredWithin(response: Response, limit: number): ReadableStream<Uint8Array> | null {
  if (Number(response.headers.get("content-length")) > limit) throw tooLarge(response, limit, response.body);
  return response.body;
}

/**
 * The body of `response` (null when it has none), at most `limit` bytes, else ResponseTooLargeError.
 * Counted as it arrives (decoded, whatever the Content-Length said), so a larger body never fills memory.
 */
export async function readBody(response: Response, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const reader = declaredWithin(response, limit)?.getReader();
  if (!reader) return null;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let r; !(r = await reader.read()).done; chunks.push(r.value))
    if ((size += r.value.byteLength) > limit) throw tooLarge(response, limit, reader);
  const bytes = new Uint8Array(size);
  size = 0;
  for (const c of chunks) bytes.set(c, (size += c.byteLength) - c.byteLength);
  return bytes;
}

/** An error body without secrets: parsed JSON is scrubbed value by value (whatever escapes the server used). */
export function scrubbedErrorBody(bytes: Uint8Array): string {
  const text = utf8.decode(bytes);
  try {
    return JSON.stringify(scrub(JSON.parse(text)));
  } catch {
    return scrub(text);
  }
}

/** What openapi-fetch's `parseAs` makes of a success body (`json`: undefined for an empty one). */
export function parseBody(bytes: Uint8Array<ArrayBuffer> | null, parseAs: ParseAs, response: Response): unknown {
  const body = bytes ?? new Uint8Array(0);
  if (parseAs === "arrayBuffer") return body.buffer;
  if (parseAs === "blob") return new Blob([body], { type: response.headers.get("content-type") ?? "" });
  const text = utf8.decode(body);
  return parseAs === "text" ? text : text ? JSON.parse(text) : undefined;
}

/** `response` whose body stream errors with ResponseTooLargeError past `limit` bytes (`parseAs: "stream"`). */
export function limitStream(response: Response, limit: number): Response {
  const body = declaredWithin(response, limit);
  if (!body) return response;
  let size = 0;
  const counted = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        if ((size += chunk.byteLength) > limit) controller.error(new ResponseTooLargeError(response, limit));
        else controller.enqueue(chunk);
      },
    }),
  );
  return copyResponse(response, counted);
}
