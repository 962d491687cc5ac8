// CHANGES.md's history: the earlier reports of a file, whatever form it was written in.
import { describe, expect, it } from "vitest";
import { changesFile, changesHeader, earlierReports } from "../../scripts/lib/spec-update/changes-history.ts";

const title = "Loops API changes";
const report = (from: string, to: string) => `## ${from} → ${to}\n\n| table |\n\n### Operations added (1)\n\n- x\n`;

describe("earlierReports", () => {
  const cases: { given: string; previous: string | undefined; want: string }[] = [
    { given: "no file", previous: undefined, want: "" },
    { given: "an empty file", previous: "\n", want: "" },
    { given: "a header without reports", previous: changesHeader(title), want: "" },
    {
      given: "the current form: every report after the header",
      previous: `${changesHeader(title)}\n${report("1.1", "1.2")}\n${report("1.0", "1.1")}`,
      want: `${report("1.1", "1.2")}\n${report("1.0", "1.1")}`,
    },
    {
      given: "a single report written before the history was kept: kept, headings one level down",
      previous: "# Loops API changes: 1.0 → 1.1\n\nText.\n\n## Operations added (1)\n\n### `GET /x`\n",
      want: "## Loops API changes: 1.0 → 1.1\n\nText.\n\n### Operations added (1)\n\n#### `GET /x`\n",
    },
  ];
  for (const { given, previous, want } of cases) {
    it(given, () => expect(earlierReports(previous, title)).toBe(want));
  }
});

it("changesFile puts the new report first and every earlier one after it, once", () => {
  const first = changesFile(title, report("1.0", "1.1"), undefined);
  const second = changesFile(title, report("1.1", "1.2"), first);
  const third = changesFile(title, report("1.2", "1.3"), second);
  expect(third.startsWith(`${changesHeader(title)}\n${report("1.2", "1.3")}\n${report("1.1", "1.2")}`)).toBe(true);
  expect(third.endsWith(report("1.0", "1.1"))).toBe(true);
  expect(third.match(/^## /gm)).toHaveLength(3);
});
