import { runContractSuite } from "../contract-runner.ts";
import { cases, client } from "./cases.ts";

runContractSuite({ api: "loopmessage", client, cases });
