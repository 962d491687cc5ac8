// Type-checked only (part of `npm test`): the client used the way a user would, through the
// package's public entry point. The @ts-expect-error lines fail the type check if the generated
// types stop rejecting what the spec forbids.
import { createLoopsClient, loopsPages, type LoopsSchema, type LoopsWorkflowSummary } from "loop-api-clients/loops";

export async function subscribe(apiKey: string, email: string): Promise<string | undefined> {
  const loops = createLoopsClient({ apiKey });
  const { data, error } = await loops.POST("/v1/contacts/create", { body: { email, firstName: "Ada" } });
  if (error || !data) return undefined;
  const id: string = data.id;
  return id;
}

export async function workflowNames(apiKey: string): Promise<string[]> {
  const loops = createLoopsClient({ apiKey });
  const names: string[] = [];
  for await (const workflow of loopsPages((q) => loops.GET("/v1/workflows", { params: { query: q } }))) {
    const summary: LoopsWorkflowSummary = workflow;
    names.push(summary.name ?? summary.id);
  }
  return names;
}

/** The discriminators name the values Loops sends (RESTORED.md C5): narrowing on them compiles. */
export function emailOf(node: LoopsSchema<"WorkflowNode">): string | undefined {
  return node.typeName === "SendEmailAction" ? node.emailMessageId : undefined;
}

export async function misuse(apiKey: string) {
  const loops = createLoopsClient({ apiKey });
  // @ts-expect-error an email address is a string
  await loops.POST("/v1/contacts/create", { body: { email: 42 } });
  const email = "ada@example.org";
  // @ts-expect-error a misspelt optional field, though the required ones are there (issue 20)
  await loops.POST("/v1/transactional", { body: { email, transactionalId: "t1", addToAudeince: true } });
  // @ts-expect-error a custom contact property is a scalar
  await loops.POST("/v1/contacts/create", { body: { email, plan: { tier: 1 } } });
  // @ts-expect-error no such path: Loops' paths start with /v1
  await loops.GET("/contacts/find");
  // @ts-expect-error a workflow node's typeName is one Loops sends, not a schema name
  emailOf({ id: "n", workflowId: "w", typeName: "SendEmailActionWorkflowNode", nextNodeIds: [] });
}
