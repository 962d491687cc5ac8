// Every ```ts block of the README type-checks against the real clients, the way a user pastes it.
// Blocks share a few names (`loops`, `lifeloop`, `loopmessage`, `apiKey`, `request`); a block that
// does not define one gets it declared in front.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/apis.ts";

const shared = [
  { name: "loops", factory: "createLoopsClient", from: "loops", args: '{ apiKey: "k" }' },
  { name: "lifeloop", factory: "createLifeLoopClient", from: "lifeloop", args: '{ token: "t", tenant: "acme" }' },
  { name: "loopmessage", factory: "createLoopMessageClient", from: "loopmessage", args: '{ apiKey: "k" }' },
];

function asModule(block: string): string {
  const lines = block.split("\n");
  const imports = lines.filter((l) => l.startsWith("import "));
  const body = lines.filter((l) => !l.startsWith("import "));
  const prelude = ["declare const apiKey: string;", "declare const request: Request;", "void apiKey, request;"];
  for (const client of shared) {
    if (block.includes(`const ${client.name} =`)) continue;
    if (!imports.some((l) => l.includes(client.factory))) {
      imports.push(`import { ${client.factory} } from "loop-api-clients/${client.from}";`);
    }
    prelude.push(`const ${client.name} = ${client.factory}(${client.args});`, `void ${client.name};`);
  }
  return [...imports, ...prelude, "export {};", ...body].join("\n");
}

const dir = mkdtempSync(join(tmpdir(), "readme-snippets-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("every TypeScript snippet in the README type-checks", { timeout: 60_000 }, () => {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks.length).toBeGreaterThan(5);
  const files = blocks.map((block, i) => {
    const file = join(dir, `snippet${i}.ts`);
    writeFileSync(file, asModule(block));
    return file;
  });
  const config = ts.parseJsonConfigFileContent(
    ts.readConfigFile(join(repoRoot, "tsconfig.json"), ts.sys.readFile).config,
    ts.sys,
    repoRoot,
  );
  const program = ts.createProgram(files, {
    ...config.options,
    // The package's own exports, as a user resolves them from outside the repo.
    paths: {
      "loop-api-clients/runtime": [join(repoRoot, "src/runtime/index.ts")],
      "loop-api-clients/*": [join(repoRoot, "src/clients/*.ts")],
    },
  });
  const problems = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && files.includes(d.file.fileName))
    .map((d) => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      return `README snippet ${files.indexOf(d.file!.fileName)} line ${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
    });
  expect(problems).toEqual([]);
});
