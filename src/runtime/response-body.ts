/**
 * The response body, read inside the attempt: so a connection cut or a stall while it arrives is
 * that attempt's connection error or timeout (typed, and retried when the request is safe), and a
 * body over the size limit is refused before it fills memory. openapi-fetch then reads the copy.
 */
import { ResponseTooLargeError } from "./errors.ts";
import { scrub } from "./redact.ts";

export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

/** A Response over `bytes` with the status and headers of `from` (and its `url`, which the constructor cannot set). */
function copy(from: Response, bytes: BodyInit): Response {
  const response = new Response(bytes, { status: from.status, statusText: from.statusText, headers: from.headers });
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

/**
 * `response` with its body read into memory (at most `limit` bytes, else ResponseTooLargeError).
 * An error status's body is scrubbed of registered secrets on the way, so the `{ error }` of a
 * result never holds a key the server echoed back.
 */
export async function readResponse(response: Response, limit: number): Promise<Response> {
  if (!response.body) return response;
  const declared = response.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) tooLarge(response, limit);
  // With a Content-Length, undici ends the body at that length (and fails a shorter one).
  const bytes = declared !== null ? new Uint8Array(await response.arrayBuffer()) : await readAtMost(response, limit);
  if (bytes.byteLength > limit) tooLarge(response, limit);
  return copy(response, response.ok ? bytes : scrubbedText(new TextDecoder().decode(bytes)));
}

/** An error body without secrets: parsed JSON is scrubbed value by value (whatever escapes the server used). */
function scrubbedText(text: string): string {
  try {
    return JSON.stringify(scrub(JSON.parse(text)));
  } catch {
    return scrub(text);
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
  return copy(response, counted);
}
