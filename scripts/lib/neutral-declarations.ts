// A build step (a rolldown plugin, used by tsdown.config.ts) that makes the emitted declarations
// compile under any consumer `lib`: with the DOM lib, with @types/node, with a runtime's own types
// (Workers, Deno, Bun), and with none of them.
//
// openapi-fetch's types, and ours, name the Fetch API's globals (`Request`, `Response`, `Headers`,
// …). Where the consumer's program declares none of them (`lib: ["es2022"]`, `types: []`), every
// such name is an error in our .d.ts files, which the consumer cannot fix. So each declaration
// file that uses them gets local aliases that read the types off `globalThis`: exactly the
// consumer's own types where they exist, `any` where they do not (nothing to check against).
import type { Plugin } from "rolldown";

const G = "typeof globalThis";
/** Global name → its local alias, as a type and (for the ones used with `typeof`) as a value. */
const ALIASES: Record<string, string> = {
  Request: `type Request = ${G} extends { Request: { prototype: infer T } } ? T : any;\ndeclare const Request: ${G} extends { Request: infer V } ? V : any;`,
  Response: `type Response = ${G} extends { Response: { prototype: infer T } } ? T : any;`,
  Headers: `type Headers = ${G} extends { Headers: { prototype: infer T } } ? T : any;`,
  HeadersInit: `type HeadersInit = ${G} extends { Headers: new (init?: infer I) => unknown } ? Exclude<I, undefined> : any;`,
  RequestInit: `type RequestInit = ${G} extends { Request: new (input: never, init?: infer I) => unknown } ? Exclude<I, undefined> : any;`,
  AbortSignal: `type AbortSignal = ${G} extends { AbortSignal: { prototype: infer T } } ? T : any;`,
  fetch: `declare const fetch: ${G} extends { fetch: infer F } ? F : any;`,
};

const uses = (code: string, name: string) => new RegExp(`(?<![.\\w$'"])${name}\\b(?!\\s*[:?]\\s)`).test(code);

export function neutralDeclarations(): Plugin {
  return {
    name: "neutral-declarations",
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type !== "chunk" || !/\.d\.[mc]?ts$/.test(file.fileName)) continue;
        const code = file.code.replaceAll("typeof globalThis.fetch", "typeof fetch");
        const needed = Object.keys(ALIASES).filter((name) => uses(code, name));
        if (needed.length === 0) continue;
        const preamble = [
          "// Fetch API types as the consumer's program declares them (see the package README).",
          ...needed.map((n) => ALIASES[n]),
        ];
        file.code = `${preamble.join("\n")}\n${code}`;
      }
    },
  };
}
