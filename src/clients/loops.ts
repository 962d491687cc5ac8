// The Loops client: openapi-fetch typed by the generated `paths`, on the shared runtime.
import { bearerAuth } from "../runtime/auth.ts";
import { createApiClient, type ApiClient, type ApiClientOptions } from "../runtime/create-client.ts";
import { defaultServer, idempotentOperations } from "../../generated/loops/operations.ts";
import type { components, paths } from "../../generated/loops/schema.ts";

export type {
  paths as LoopsPaths,
  components as LoopsComponents,
  operations as LoopsOperations,
} from "../../generated/loops/schema.ts";
export type { OperationId as LoopsOperationId } from "../../generated/loops/operations.ts";

type Schemas = components["schemas"];
/** Any schema of Loops' spec by its published name, e.g. `LoopsSchema<"CampaignListItem">`. */
export type LoopsSchema<Name extends keyof Schemas> = Schemas[Name];

// The schemas a Loops integration meets most, under their published names.
export type LoopsContact = Schemas["Contact"];
export type LoopsContactRequest = Schemas["ContactRequest"];
export type LoopsContactUpdateRequest = Schemas["ContactUpdateRequest"];
export type LoopsContactProperty = Schemas["ContactProperty"];
export type LoopsMailingList = Schemas["MailingList"];
export type LoopsEventRequest = Schemas["EventRequest"];
export type LoopsTransactionalRequest = Schemas["TransactionalRequest"];
export type LoopsTransactionalResource = Schemas["TransactionalResource"];
export type LoopsPagination = Schemas["Pagination"];
export type LoopsAudienceSegment = Schemas["AudienceSegment"];
export type LoopsCampaignListItem = Schemas["CampaignListItem"];
export type LoopsCampaignResponse = Schemas["CampaignResponse"];
export type LoopsEmailMessageResponse = Schemas["EmailMessageResponse"];
export type LoopsUpdateEmailMessageRequest = Schemas["UpdateEmailMessageRequest"];
export type LoopsTheme = Schemas["Theme"];
export type LoopsComponent = Schemas["Component"];
export type LoopsGroupResponse = Schemas["GroupResponse"];
export type LoopsEventPattern = Schemas["EventPattern"];
export type LoopsWorkflowSummary = Schemas["WorkflowSummary"];
export type LoopsSimplifiedWorkflow = Schemas["SimplifiedWorkflow"];
export type LoopsWorkflowNode = Schemas["WorkflowNode"];

export interface LoopsClientOptions extends Omit<ApiClientOptions<paths>, "auth" | "baseUrl" | "idempotency"> {
  /** A Loops API key (Settings → API). Sent as `Authorization: Bearer …`. */
  apiKey: string | undefined;
  /** Defaults to the spec's server, https://app.loops.so/api (paths start with `/v1/`). */
  baseUrl?: string;
}

export type LoopsClient = ApiClient<paths>;

/** Loops documents a baseline of 10 requests per second per team; pass `rateLimit: false` to turn the limiter off. */
export const LOOPS_RATE_LIMIT = { requestsPerSecond: 10 } as const;

export function createLoopsClient({ apiKey, baseUrl = defaultServer, ...options }: LoopsClientOptions): LoopsClient {
  return createApiClient<paths>({
    ...options,
    // After the spread, so that `rateLimit: undefined` keeps the default too.
    rateLimit: options.rateLimit ?? LOOPS_RATE_LIMIT,
    baseUrl,
    auth: bearerAuth(apiKey, "Loops API key"),
    // The operations whose spec declares an Idempotency-Key header: a key is generated for them when
    // the caller sends none, which is also what makes them safe to retry.
    idempotency: { operations: idempotentOperations },
  });
}
