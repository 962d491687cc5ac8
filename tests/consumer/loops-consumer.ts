// Type-checked only (part of `npm test`): the client used the way a user would, through the
// package's public entry point. The @ts-expect-error lines fail the type check if the generated
// types stop rejecting what the spec forbids.
import { createLoopsClient } from "loop-api-clients/loops";

export async function subscribe(apiKey: string, email: string): Promise<string | undefined> {
  const loops = createLoopsClient({ apiKey });
  const { data, error } = await loops.POST("/contacts/create", { body: { email, firstName: "Ada" } });
  if (error || !data) return undefined;
  const id: string = data.id;
  return id;
}

export async function misuse(apiKey: string) {
  const loops = createLoopsClient({ apiKey });
  // @ts-expect-error `email` is required to create a contact
  await loops.POST("/contacts/create", { body: { firstName: "Ada" } });
  // @ts-expect-error no such path
  await loops.GET("/contacts/all");
}
