// LifeLoop's list operations page by number: query `page` (from 1) and `pageSize`; body
// `{ data, page, pageSize, hasMore }`. Re-exported by `lifeloop.ts`.
import type { DataOf, FetchResult } from "../runtime/errors.ts";
import {
  type ArrayItem,
  type Field,
  pageNumberAdapter,
  type PageLimits,
  paginate,
  type Paginated,
} from "../runtime/pagination.ts";

export interface LifeLoopPageOptions extends PageLimits {
  /** Items per page. */
  pageSize?: number;
  /** The first page to fetch. Default 1. */
  startPage?: number;
}

/** Every item of a LifeLoop list, page after page while `hasMore` is true. */
export function lifeloopPages<R extends FetchResult>(
  fetchPage: (params: { page: number; pageSize?: number }) => Promise<R>,
  options: LifeLoopPageOptions = {},
): Paginated<ArrayItem<Field<R, "data">>, NonNullable<DataOf<R>>> {
  return paginate(
    fetchPage,
    pageNumberAdapter(
      { page: options.startPage ?? 1, ...(options.pageSize && { pageSize: options.pageSize }) },
      "data",
      (d: { hasMore?: boolean }) => d.hasMore,
      "hasMore",
    ),
    options,
  );
}
