// The contract suite of every API in redocly.yaml: each API's cases (tests/contract/<api>/cases.ts,
// exporting `client` and `cases`) through the one table-driven runner. Nothing here names an API.
import { loadApis } from "../../scripts/lib/apis.ts";
import { runContractSuite, type ContractSuite } from "./contract-runner.ts";

for (const api of loadApis()) {
  const { client, cases } = (await import(`./${api.name}/cases.ts`)) as Omit<ContractSuite<unknown>, "api">;
  runContractSuite({ api: api.name, client, cases });
}
