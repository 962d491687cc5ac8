// The vendor file as we keep it (normalized YAML under a short header) and its lock: the hash and
// the counts that tests/specs/vendor-lock.test.ts checks against the bundled spec.
import { basename } from "node:path";
import { stringify } from "yaml";
import { METHODS } from "../operation-table.ts";
import { sha256 } from "../reuse.ts";

type Doc = Record<string, any>;

export function vendorFileText(doc: Doc): string {
  const header = [
    `# ${doc.info.title} ${doc.info.version}: the vendor's published OpenAPI file, normalized by`,
    "# `npm run spec:update`: every fact kept, the vendor's prose removed. Do not edit by hand; our",
    "# words, examples and corrections live in additions.yaml (see RESTORED.md).",
  ];
  return `${header.join("\n")}\n${stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}

const countOperations = (items: Doc | undefined) =>
  Object.values(items ?? {}).reduce((n, item) => n + METHODS.filter((m) => item?.[m]).length, 0);

export interface VendorLock {
  vendor: string;
  api: string;
  file: string;
  openapi: string;
  version: string;
  sha256: string;
  paths: number;
  operations: number;
  webhooks: number;
  schemas: number;
  source: { published: string; sha256: string };
}

export function vendorLock(
  doc: Doc,
  text: string,
  meta: { vendor: string; api: string; file: string; source: string; sourceIsUrl: boolean; publishedText: string },
): VendorLock {
  return {
    vendor: meta.vendor,
    api: meta.api,
    file: meta.file,
    openapi: String(doc.openapi),
    version: String(doc.info.version),
    sha256: sha256(text),
    paths: Object.keys(doc.paths ?? {}).length,
    operations: countOperations(doc.paths),
    webhooks: countOperations(doc.webhooks),
    schemas: Object.keys(doc.components?.schemas ?? {}).length,
    // A URL says where it was served; of a local file only its name means anything elsewhere.
    source: { published: meta.sourceIsUrl ? meta.source : basename(meta.source), sha256: sha256(meta.publishedText) },
  };
}
