// startPrism lives with the scripts (npm run mock uses it too); the tests import it from here.
export { startPrism, type RunningMock } from "../../scripts/lib/prism-mock.ts";
