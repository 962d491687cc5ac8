// A Loops transactional email in the throwing style: `unwrap` returns the data of a 2xx answer and
// throws the typed APIError subclass for anything else, so one try/catch handles every failure.
// The Idempotency-Key makes the send safe to retry: Loops answers 409 to a key it has already seen.
//
//   npx tsx examples/loops-transactional.ts
//   LOOPS_TRANSACTIONAL_ID=… LOOPS_TO=you@example.org npx tsx examples/loops-transactional.ts
//
// Mock (`npm run mock`) unless LOOPS_API_KEY is set: see examples/env.ts.
import { randomUUID } from "node:crypto";
import { createLoopsClient, type LoopsClient, type LoopsTransactionalRequest } from "loop-api-clients/loops";
import {
  APIConnectionError,
  APIError,
  BadRequestError,
  ConflictError,
  NotFoundError,
  RateLimitError,
  unwrap,
} from "loop-api-clients/runtime";
import * as env from "./env.ts";

type Outcome = "sent" | "duplicate" | "not-found" | "rejected";

async function sendTransactional(
  loops: LoopsClient,
  email: LoopsTransactionalRequest,
  idempotencyKey: string,
  extraHeaders: Record<string, string> = {},
): Promise<Outcome> {
  try {
    const sent = unwrap(
      await loops.POST("/v1/transactional", {
        body: email,
        headers: { "Idempotency-Key": idempotencyKey, ...extraHeaders },
      }),
    );
    console.log(
      `transactional ${email.transactionalId} sent: success=${sent.success} (idempotency key ${idempotencyKey})`,
    );
    return "sent";
  } catch (error) {
    // Most specific first: every class below extends APIError.
    if (error instanceof ConflictError) {
      console.log(
        `transactional ${email.transactionalId} already sent with idempotency key ${idempotencyKey} (409): nothing to do`,
      );
      return "duplicate";
    }
    if (error instanceof NotFoundError) {
      console.log(`transactional ${email.transactionalId} not sent: no such transactional email (${error.message})`);
      return "not-found";
    }
    if (error instanceof BadRequestError) {
      console.log(`transactional ${email.transactionalId} not sent: request refused (${error.message})`);
      return "rejected";
    }
    if (error instanceof RateLimitError)
      throw new Error("rate limited by Loops after the client's retries; try again later", { cause: error });
    if (error instanceof APIConnectionError) throw new Error("could not reach Loops", { cause: error }); // includes timeouts
    if (error instanceof APIError) throw error; // 401, 5xx, …: error.status, error.requestId, error.error
    throw error;
  }
}

async function main(): Promise<void> {
  for (const line of env.describeTargets("loops")) console.log(line);
  const loops = createLoopsClient({ apiKey: env.loops.apiKey, baseUrl: env.loops.baseUrl });

  // 1. The email. One key per logical email: a retry of this send (even from another process) reuses it.
  const email: LoopsTransactionalRequest = {
    transactionalId: process.env.LOOPS_TRANSACTIONAL_ID ?? "clfq6dinn000yl70fgwwyp82l",
    email: process.env.LOOPS_TO ?? "adam@example.com",
    dataVariables: { loginUrl: "https://example.com/login" },
  };
  const outcome = await sendTransactional(loops, email, process.env.LOOPS_IDEMPOTENCY_KEY ?? `example-${randomUUID()}`);
  if (outcome !== "sent" && outcome !== "duplicate")
    throw new Error(`the transactional email was not sent (${outcome})`);

  // 2. The typed error path: a transactional id that does not exist. Loops answers 404 (nothing is
  //    sent); the mock answers 200 to any valid request, so there we ask it for its documented 404.
  const forced: Record<string, string> = env.loops.mode === "mock" ? { Prefer: "code=404" } : {};
  const missing = await sendTransactional(
    loops,
    { ...email, transactionalId: "no-such-transactional-email" },
    `example-${randomUUID()}`,
    forced,
  );
  if (missing !== "not-found") throw new Error(`expected a 404 for an unknown transactional id, got ${missing}`);
  console.log("done");
}

main().catch(env.fail);
