// A new resident's family gets a welcome: a `resident.created` webhook from LifeLoop is verified,
// the resident and their connections are fetched, the primary contact gets an iMessage through
// LoopMessage, and a Loops event starts the family's email journey.
//
//   npx tsx examples/lifeloop-family-flow.ts
//       signs a sample delivery with LIFELOOP_WEBHOOK_SECRET (or a dummy secret), so it runs on its own
//   LIFELOOP_WEBHOOK_SIGNATURE='sha256=…' npx tsx examples/lifeloop-family-flow.ts --stdin < delivery.json
//       verifies a real delivery: its raw body on stdin, its X-LifeLoop-Signature header in the variable
//
// Mocks (`npm run mock`) unless credentials are set: see examples/env.ts.
import { createHmac } from "node:crypto";
import { createLifeLoopClient, lifeloopPages, type Connection } from "loop-api-clients/lifeloop";
import { lifeloopWebhooks } from "loop-api-clients/lifeloop-webhooks";
import { createLoopMessageClient } from "loop-api-clients/loopmessage";
import { createLoopsClient } from "loop-api-clients/loops";
import { unwrap } from "loop-api-clients/runtime";
import * as env from "./env.ts";

/** The raw body and headers of one webhook delivery. */
async function delivery(): Promise<{ source: string; body: string; headers: Record<string, string> }> {
  if (process.argv.includes("--stdin")) {
    const signature = process.env.LIFELOOP_WEBHOOK_SIGNATURE?.trim();
    if (!signature)
      throw new Error("--stdin needs the delivery's X-LifeLoop-Signature header in LIFELOOP_WEBHOOK_SIGNATURE");
    let body = "";
    for await (const chunk of process.stdin) body += chunk;
    return { source: "stdin", body, headers: { "X-LifeLoop-Signature": signature } };
  }
  // A sample delivery, signed the way LifeLoop signs: HMAC-SHA256 of the raw body, hex.
  const body = JSON.stringify({
    eventId: "evt-example-001",
    eventType: "resident.created",
    tenant: env.lifeloop.tenant,
    occurredAt: new Date().toISOString(),
    resourceId: "res-001",
  });
  const signature = createHmac("sha256", env.lifeloop.webhookSecret).update(body).digest("hex");
  return { source: "signed sample", body, headers: { "X-LifeLoop-Signature": `sha256=${signature}` } };
}

async function main(): Promise<void> {
  for (const line of env.describeTargets("lifeloop", "loopmessage", "loops")) console.log(line);

  // 1. Verify the raw bytes before trusting anything in them (throws WebhookVerificationError).
  const { source, body, headers } = await delivery();
  const received = await lifeloopWebhooks({ secret: env.lifeloop.webhookSecret }).verify(body, headers);
  if (received.kind !== "known" || received.type !== "resident.created") {
    console.log(`webhook verified (${source}): ${received.kind} ${received.type ?? "untyped"} event, nothing to do`);
    return;
  }
  const event = received.event;
  console.log(`webhook verified (${source}): resident.created ${event.eventId} for resident ${event.resourceId}`);

  // 2. The resident and everyone connected to them (every page).
  const lifeloop = createLifeLoopClient({
    token: env.lifeloop.token,
    tenant: env.lifeloop.tenant,
    baseUrl: env.lifeloop.baseUrl,
  });
  const residentId = event.resourceId;
  const { data: resident } = unwrap(
    await lifeloop.GET("/residents/{residentId}", { params: { path: { residentId } } }),
  );
  console.log(`resident: ${resident.preferredName ?? resident.firstName} ${resident.lastName} (${resident.id})`);

  const connections: Connection[] = [];
  const pages = lifeloopPages((page) =>
    lifeloop.GET("/residents/{residentId}/connections", { params: { path: { residentId }, query: page } }),
  );
  for await (const connection of pages) connections.push(connection);
  console.log(`connections: ${connections.length}`);

  const family = connections.filter((c) => c.status === "active");
  const contact = family.find((c) => c.isPrimaryContact) ?? family[0];
  if (!contact) {
    console.log("no active connection to welcome");
    return;
  }

  // 3. An iMessage to the contact, when they have a phone and allow messages.
  if (contact.phone && contact.permissions.sendMessages) {
    const loopmessage = createLoopMessageClient({ apiKey: env.loopmessage.apiKey, servers: env.loopmessage.servers });
    const sent = unwrap(
      await loopmessage.POST("/api/v1/message/send/", {
        body: {
          contact: contact.phone,
          text: `Hi ${contact.firstName}, ${resident.preferredName ?? resident.firstName} has moved in. We're glad you're part of the family circle.`,
          ...(env.loopmessage.sender && { sender: env.loopmessage.sender }),
          passthrough: event.eventId, // comes back in the delivery webhooks
        },
      }),
    );
    console.log(`imessage queued for ${contact.firstName} ${contact.lastName}: ${sent.message_id}`);
  } else {
    console.log(`imessage skipped: ${contact.firstName} ${contact.lastName} has no phone or does not accept messages`);
  }

  // 4. The email journey. The key is derived from the webhook's eventId, so a redelivered webhook
  //    sends the same key and Loops does not start the journey twice.
  const loops = createLoopsClient({ apiKey: env.loops.apiKey, baseUrl: env.loops.baseUrl });
  const idempotencyKey = `${event.eventId}:${contact.id}`;
  unwrap(
    await loops.POST("/v1/events/send", {
      body: {
        email: contact.email,
        eventName: "residentMovedIn",
        eventProperties: {
          residentFirstName: resident.preferredName ?? resident.firstName,
          relationship: contact.relationship,
        },
        firstName: contact.firstName, // a contact property, set on the contact as well
      },
      headers: { "Idempotency-Key": idempotencyKey },
    }),
  );
  console.log(`loops event residentMovedIn sent for connection ${contact.id} (idempotency key ${idempotencyKey})`);
  console.log("done");
}

main().catch(env.fail);
