// Loops' list operations page by cursor: query `perPage` (a string in the spec) and `cursor`; body
// `{ success, pagination: { nextCursor, … }, data }`. Re-exported by `loops.ts`.
import type { DataOf, FetchResult } from "../runtime/errors.ts";
import {
  type ArrayItem,
  cursorAdapter,
  type Field,
  type PageLimits,
  paginate,
  type Paginated,
} from "../runtime/pagination.ts";

export interface LoopsPageOptions extends PageLimits {
  /** Items per page (Loops: 10-50, default 20). */
  perPage?: number | string;
  /** Start after this cursor instead of at the beginning. */
  cursor?: string;
}

/** Every item of a Loops list, following `pagination.nextCursor` until it is null. */
export function loopsPages<R extends FetchResult>(
  fetchPage: (params: { cursor?: string; perPage?: string }) => Promise<R>,
  options: LoopsPageOptions = {},
): Paginated<ArrayItem<Field<R, "data">>, NonNullable<DataOf<R>>> {
  const first = {
    ...(options.perPage && { perPage: String(options.perPage) }),
    ...(options.cursor && { cursor: options.cursor }),
  };
  return paginate(
    fetchPage,
    cursorAdapter(first, (d: { pagination?: { nextCursor?: string | null } }) => d.pagination?.nextCursor),
    options,
  );
}
