/**
 * Auto-pagination over openapi-fetch calls. `fetchPage` receives the page parameters to merge into
 * the query and returns the openapi-fetch result; the item type is inferred from its data type.
 *
 *   const residents = pageSizePages((q) => client.GET('/residents', { params: { query: { ...q } } }));
 *   for await (const r of residents) …             // every item of every page
 *   for await (const page of residents.pages()) …  // { items, data, response } per page
 *
 * An error result stops the iteration by throwing the typed APIError (no silent truncation).
 */
import { APIError, type DataOf, type FetchResult } from "./errors.ts";

export interface Page<Item, Data> {
  items: Item[];
  /** The whole response body of this page. */
  data: Data;
  response: Response;
}

export interface Paginated<Item, Data> extends AsyncIterable<Item> {
  pages(): AsyncGenerator<Page<Item, Data>, void, undefined>;
}

/** How one API pages: the first page's params, the items of a body, the next page's params. */
export interface PageAdapter<Params, Data, Item> {
  first: Params;
  items(data: Data): Item[];
  /** Params of the next page, or undefined when this was the last. */
  next(data: Data, current: Params, items: Item[]): Params | undefined;
}

export function paginate<Params, R extends FetchResult, Item>(
  fetchPage: (params: Params) => Promise<R>,
  adapter: PageAdapter<Params, NonNullable<DataOf<R>>, Item>,
): Paginated<Item, NonNullable<DataOf<R>>> {
  type Data = NonNullable<DataOf<R>>;
  async function* pages(): AsyncGenerator<Page<Item, Data>, void, undefined> {
    let params: Params | undefined = adapter.first;
    while (params !== undefined) {
      const { data, error, response } = await fetchPage(params);
      if (!response.ok) throw APIError.from(response, error);
      const items = adapter.items(data as Data);
      yield { items, data: data as Data, response };
      params = adapter.next(data as Data, params, items);
    }
  }
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) yield* page.items;
    },
  };
}

type ArrayItem<T> = NonNullable<T> extends readonly (infer I)[] ? I : never;
type Field<R, K extends string> = NonNullable<DataOf<R>> extends { [P in K]?: infer V } ? V : never;

/** LifeLoop: query `page` (from 1) / `pageSize`; body `{ data, page, pageSize, hasMore }`. */
export function pageSizePages<R extends FetchResult>(
  fetchPage: (params: { page: number; pageSize?: number }) => Promise<R>,
  options: { pageSize?: number; startPage?: number } = {},
): Paginated<ArrayItem<Field<R, "data">>, NonNullable<DataOf<R>>> {
  type D = { data?: unknown[]; page?: number; hasMore?: boolean };
  return paginate(fetchPage, {
    first: { page: options.startPage ?? 1, ...(options.pageSize && { pageSize: options.pageSize }) },
    items: (d) => ((d as D).data ?? []) as ArrayItem<Field<R, "data">>[],
    next: (d, cur, items) =>
      (d as D).hasMore && items.length > 0 ? { ...cur, page: ((d as D).page ?? cur.page) + 1 } : undefined,
  });
}

/** LoopMessage: query `page` (from 1) / `per_page`; body `{ page, num_pages, per_page, count, items }`. */
export function numPagesPages<R extends FetchResult>(
  fetchPage: (params: { page: number; per_page?: number }) => Promise<R>,
  options: { perPage?: number; startPage?: number } = {},
): Paginated<ArrayItem<Field<R, "items">>, NonNullable<DataOf<R>>> {
  type D = { items?: unknown[]; page?: number; num_pages?: number };
  return paginate(fetchPage, {
    first: { page: options.startPage ?? 1, ...(options.perPage && { per_page: options.perPage }) },
    items: (d) => ((d as D).items ?? []) as ArrayItem<Field<R, "items">>[],
    next: (d, cur, items) => {
      const page = (d as D).page ?? cur.page;
      return items.length > 0 && page < ((d as D).num_pages ?? 0) ? { ...cur, page: page + 1 } : undefined;
    },
  });
}

/** Loops: query `perPage` (a string in the spec) / `cursor`; body `{ success, pagination: { nextCursor, … }, data }`. */
export function cursorPages<R extends FetchResult>(
  fetchPage: (params: { cursor?: string; perPage?: string }) => Promise<R>,
  options: { perPage?: number | string; cursor?: string } = {},
): Paginated<ArrayItem<Field<R, "data">>, NonNullable<DataOf<R>>> {
  type D = { data?: unknown[]; pagination?: { nextCursor?: string | null } };
  return paginate(fetchPage, {
    first: {
      ...(options.perPage && { perPage: String(options.perPage) }),
      ...(options.cursor && { cursor: options.cursor }),
    },
    items: (d) => ((d as D).data ?? []) as ArrayItem<Field<R, "data">>[],
    next: (d, cur) => {
      const next = (d as D).pagination?.nextCursor;
      return next && next !== cur.cursor ? { ...cur, cursor: next } : undefined;
    },
  });
}
