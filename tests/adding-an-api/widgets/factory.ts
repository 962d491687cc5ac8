// The Widgets client: the shared runtime's openapi-fetch client over the generated `paths`.
import { bearerAuth } from "../runtime/auth.ts";
import { createApiClient, type ApiClient, type ClientOptions } from "../runtime/create-client.ts";
import { defaultServer, keyedOperations, unsecuredOperations } from "../../generated/widgets/operations.ts";
import type { paths } from "../../generated/widgets/schema.ts";

export interface WidgetsClientOptions extends ClientOptions {
  apiKey: string;
  baseUrl?: string;
}

export function createWidgetsClient({
  apiKey,
  baseUrl = defaultServer,
  ...options
}: WidgetsClientOptions): ApiClient<paths> {
  return createApiClient<paths>(options, {
    name: "createWidgetsClient",
    baseUrl,
    auth: bearerAuth(apiKey, "Widgets API key"),
    keyed: keyedOperations,
    unsecured: unsecuredOperations,
  });
}
