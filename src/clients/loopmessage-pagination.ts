// LoopMessage's list operations page by number: query `page` (from 1) and `per_page`; body
// `{ page, num_pages, per_page, count, items }`. Re-exported by `loopmessage.ts`.
import type { DataOf, FetchResult } from "../runtime/errors.ts";
import {
  type ArrayItem,
  type Field,
  pageNumberAdapter,
  type PageLimits,
  paginate,
  type Paginated,
} from "../runtime/pagination.ts";

export interface LoopMessagePageOptions extends PageLimits {
  /** Items per page. */
  perPage?: number;
  /** The first page to fetch. Default 1. */
  startPage?: number;
}

/** Every item of a LoopMessage list, up to page `num_pages`. */
export function loopMessagePages<R extends FetchResult>(
  fetchPage: (params: { page: number; per_page?: number }) => Promise<R>,
  options: LoopMessagePageOptions = {},
): Paginated<ArrayItem<Field<R, "items">>, NonNullable<DataOf<R>>> {
  return paginate(
    fetchPage,
    pageNumberAdapter(
      { page: options.startPage ?? 1, ...(options.perPage && { per_page: options.perPage }) },
      "items",
      (d: { num_pages?: unknown }, page) => (typeof d.num_pages === "number" ? page < d.num_pages : undefined),
      "num_pages",
    ),
    options,
  );
}
