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

export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** Stateless without `{ stream: true }`, so one serves every call. */
const utf8 = new TextDecoder();

/** A Response over `body` with the status and headers of `from` (and its `url`, which the constructor cannot set). */
export function copyResponse(from: Response, body: BodyInit | null): Response {
  const response = new Response(body, { status: from.status, statusText: from.statusText, headers: from.headers });
  if (from.url) Object.defineProperty(response, "url", { value: from.url });
  return response;
}

function tooLarge(response: Response, limit: number): never {
  void response.body?.cancel().catch(() => {});
  throw new ResponseTooLargeError(response, limit);
}

async function readAtMost(response: Response, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const reader = response.body!.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    size += r.value.byteLength;
    if (size > limit) {
      void reader.cancel().catch(() => {});
      throw new ResponseTooLargeError(response, limit);
    }
    chunks.push(r.value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) bytes.set(c, (at += c.byteLength) - c.byteLength);
  return bytes;
}

/** The body of `response` (null when it has none), at most `limit` bytes, else ResponseTooLargeError. */
export async function readBody(response: Response, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!response.body) return null;
  const declared = response.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) tooLarge(response, limit);
  // With a Content-Length, undici ends the body at that length (and fails a shorter one).
  const bytes = declared !== null ? new Uint8Array(await response.arrayBuffer()) : await readAtMost(response, limit);
  if (bytes.byteLength > limit) tooLarge(response, limit);
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
  switch (parseAs) {
    case "arrayBuffer":
      return body.buffer;
    case "blob":
      return new Blob([body], { type: response.headers.get("content-type") ?? "" });
    case "text":
      return utf8.decode(body);
    default: {
      const text = utf8.decode(body);
      return text ? JSON.parse(text) : undefined;
    }
  }
}

/** `response` whose body stream errors with ResponseTooLargeError past `limit` bytes (`parseAs: "stream"`). */
export function limitStream(response: Response, limit: number): Response {
  if (!response.body) return response;
  const declared = response.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) tooLarge(response, limit);
  let size = 0;
  const counted = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > limit) controller.error(new ResponseTooLargeError(response, limit));
        else controller.enqueue(chunk);
      },
    }),
  );
  return copyResponse(response, counted);
}
