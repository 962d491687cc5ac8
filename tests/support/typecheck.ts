// Type-checks standalone modules (README snippets, the docs' code samples) as a user's files: strict,
// against the package's entry points, which tsconfig.json's `paths` resolve to the sources.
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { repoRoot } from "../../scripts/lib/apis.ts";
import { repoTempDir } from "./repo-temp.ts";

/** `name → source` in, one line per problem out (`name line N: message`); empty when all compile. */
export function typeCheckModules(modules: Map<string, string>): string[] {
  // Inside the repository, so that the files see its node_modules (@types/node) and tsconfig paths.
  const dir = repoTempDir("typecheck");
  try {
    const files = new Map<string, string>();
    for (const [name, source] of modules) {
      const file = join(dir, `${name.replace(/[^\w.-]/g, "_")}.ts`);
      writeFileSync(file, source);
      files.set(file, name);
    }
    const config = ts.parseJsonConfigFileContent(
      ts.readConfigFile(join(repoRoot, "tsconfig.json"), ts.sys.readFile).config,
      ts.sys,
      repoRoot,
    );
    const program = ts.createProgram([...files.keys()], { ...config.options, noEmit: true });
    return ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && files.has(d.file.fileName))
      .map((d) => {
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        return `${files.get(d.file!.fileName)} line ${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
      });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
