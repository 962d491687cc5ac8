// Type-checked only (part of `npm test`): the client used the way a user would, through the
// package's public entry points. The @ts-expect-error lines fail the type check if the generated
// types stop rejecting what the spec forbids.
import { createLoopMessageClient, type MessageStatus, type SendMessageRequest } from "loop-api-clients/loopmessage";
import { loopMessageWebhooks } from "loop-api-clients/loopmessage-webhooks";

export async function sendAndTrack(apiKey: string, contact: string): Promise<MessageStatus["status"] | undefined> {
  const lm = createLoopMessageClient({ apiKey, servers: { "https://t.imsg.link": "https://tracker-proxy.example" } });
  const { data: sent, error } = await lm.POST("/api/v1/message/send/", {
    body: { contact, text: "Hello from the docs" },
  });
  if (error || !sent) return undefined;
  const { data: status } = await lm.GET("/v1/message/status/{id}/", { params: { path: { id: sent.message_id } } });
  return status?.status;
}

export function exclusiveSendBodies(contact: string) {
  const audio: SendMessageRequest = { contact, media_url: "https://cdn.example.com/hi.m4a" };
  const reaction: SendMessageRequest = { contact, message_id: "m-1", reaction: "love" };
  // @ts-expect-error a reaction names the conversation's contact
  const anonymous: SendMessageRequest = { message_id: "m-1", reaction: "love" };
  // @ts-expect-error the send variants are exclusive: an audio message carries no text
  const mixed: SendMessageRequest = { contact, media_url: "https://cdn.example.com/hi.m4a", text: "Listen" };
  // @ts-expect-error a message goes to a contact or a group, not both
  const both: SendMessageRequest = { contact, group: "g-1", text: "Hi" };
  return [audio, reaction, anonymous, mixed, both];
}

export async function misuse(apiKey: string) {
  // @ts-expect-error only the spec's servers can be overridden
  createLoopMessageClient({ apiKey, servers: { "https://b.loopmessage.com": "https://proxy.example" } });
  const lm = createLoopMessageClient({ apiKey });
  // @ts-expect-error no such path
  await lm.GET("/api/v1/message/list/");
  // @ts-expect-error `sendr` is misspelt, though the required fields are there (issue 20)
  await lm.POST("/api/v1/message/send/", { body: { contact: "+15555550100", text: "Hi", sendr: "s1" } });
}

export async function handleWebhook(request: Request, secret: string): Promise<Response> {
  const result = await loopMessageWebhooks({ secret }).fromRequest(request); // throws when not authentic
  if (result.kind === "known" && result.event.event === "message_failed") {
    const code: number = result.event.error_code;
    console.warn("message failed", result.event.message_id, code);
  }
  return new Response(null, { status: 200 }); // acknowledge unknown events too
}
