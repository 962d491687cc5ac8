// CHANGES.md keeps every report spec:update ever wrote, newest first: an update puts its report at
// the top and carries the earlier ones over unchanged.
const REPORT_HEADING = /^## /m;

export function changesHeader(title: string): string {
  return [
    `# ${title}`,
    "",
    "Written by `npm run spec:update` (scripts/spec-update.ts); do not edit. Each update adds its report",
    "at the top, so the newest comes first and every earlier one stays below it.",
    "",
  ].join("\n");
}

/**
 * The reports of an existing CHANGES.md. A file from before the history was kept (one report under
 * a `# <title>: a → b` heading) counts as one report, its headings moved one level down.
 */
export function earlierReports(previous: string | undefined, title: string): string {
  if (previous === undefined || previous.trim() === "") return "";
  if (previous.startsWith(`# ${title}\n`)) {
    const start = previous.search(REPORT_HEADING);
    return start === -1 ? "" : previous.slice(start);
  }
  return previous.replace(/^(#+) /gm, "#$1 ");
}

/** The whole CHANGES.md: the header, the new report, then every earlier report. */
export function changesFile(title: string, report: string, previous: string | undefined): string {
  const earlier = earlierReports(previous, title);
  return `${changesHeader(title)}\n${report.replace(/\n+$/, "\n")}${earlier ? `\n${earlier.replace(/\n+$/, "\n")}` : ""}`;
}
