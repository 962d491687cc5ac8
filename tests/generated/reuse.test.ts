// A derived file is reused only when it was made from the same inputs and its body is untouched.
import { expect, it } from "vitest";
import { reusable, sha256, stamped } from "../../scripts/lib/reuse.ts";

const inputs = sha256("spec v1");
const file = stamped("// header\n", ["// ", ""], inputs, "export type A = 1;\n");

const cases = [
  { given: "the same inputs and an untouched body", previous: file, inputs, want: file },
  { given: "changed inputs", previous: file, inputs: sha256("spec v2"), want: undefined },
  { given: "a hand-edited body", previous: file.replace("= 1", "= 2"), inputs, want: undefined },
  { given: "a hand-edited stamp", previous: file.replace(inputs, sha256("other")), inputs, want: undefined },
  { given: "a file without a stamp", previous: "// header\nexport type A = 1;\n", inputs, want: undefined },
  { given: "no previous file", previous: undefined, inputs, want: undefined },
];

it.each(cases)("$given → reused: $want", ({ previous, inputs, want }) => {
  expect(reusable(() => previous, "generated/x/schema.ts", inputs)).toBe(want);
});

it("stamps HTML pages in an HTML comment", () => {
  const page = stamped("<!-- header -->\n", ["<!-- ", " -->"], inputs, "<html></html>\n");
  expect(page.split("\n")[1]).toMatch(/^<!-- derived-from sha256:[0-9a-f]{64} body sha256:[0-9a-f]{64} -->$/);
  expect(reusable(() => page, "generated/docs/x.html", inputs)).toBe(page);
});
