// The Loops client: openapi-fetch typed by the generated `paths`, on the shared runtime.
import { bearerAuth } from "../runtime/auth.ts";
import { createApiClient, type ApiClient, type ClientOptions } from "../runtime/create-client.ts";
import {
  defaultServer,
  keyedOperations,
  type RequestBodyExtras,
  unsecuredOperations,
} from "../../generated/loops/operations.ts";
import type { components, paths } from "../../generated/loops/schema.ts";

export type {
  paths as LoopsPaths,
  components as LoopsComponents,
  operations as LoopsOperations,
} from "../../generated/loops/schema.ts";
export type { OperationId as LoopsOperationId } from "../../generated/loops/operations.ts";
export { loopsPages, type LoopsPageOptions } from "./loops-pagination.ts";

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

export interface LoopsClientOptions extends ClientOptions {
  /** A Loops API key (Settings → API). Sent as `Authorization: Bearer …`. */
  apiKey: string | undefined;
  /** Defaults to the spec's server, https://app.loops.so/api (paths start with `/v1/`). */
  baseUrl?: string;
}

export type LoopsClient = ApiClient<paths, RequestBodyExtras>;

/**
 * Loops documents a baseline of 10 requests per second per team; pass `rateLimit: false` to turn the
 * limiter off, or one `new RateLimiter(LOOPS_RATE_LIMIT)` to every client of the same team.
 */
export const LOOPS_RATE_LIMIT = { requestsPerSecond: 10 } as const;

export function createLoopsClient({ apiKey, baseUrl = defaultServer, ...options }: LoopsClientOptions): LoopsClient {
  return createApiClient<paths, RequestBodyExtras>(
    // After the spread, so that `rateLimit: undefined` keeps the default too.
    { ...options, rateLimit: options.rateLimit ?? LOOPS_RATE_LIMIT },
    {
      name: "createLoopsClient",
      baseUrl,
      auth: bearerAuth(apiKey, "createLoopsClient: `apiKey`"),
      // The operations whose spec declares an Idempotency-Key header: a key is generated for them when
      // the caller sends none, which is also what makes them safe to retry.
      keyed: keyedOperations,
      unsecured: unsecuredOperations,
      responseSchemas: { api: "loops", load: () => import("../../generated/loops/operation-schemas.ts") },
    },
  );
}
