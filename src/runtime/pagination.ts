/**
 * Auto-pagination over openapi-fetch calls. `fetchPage` receives the page parameters to merge into
 * the query and returns the openapi-fetch result; the item type is inferred from its data type.
 *
 *   const residents = pageSizePages((q) => client.GET('/residents', { params: { query: { ...q } } }));
 *   for await (const r of residents) …             // every item of every page
 *   for await (const page of residents.pages()) …  // { items, data, response } per page
 *
 * An error result stops the iteration by throwing the typed APIError, and a list the loop cannot
 * page through throws a PaginationError (never an endless loop, never a silently short list): a
 * server that answers another page than the one asked for (one that ignores or clamps `page`), a
 * page position requested twice (a repeated or cycling cursor), or a server that says there is
 * more but gives nothing to advance with (an empty page with `hasMore`, no `num_pages`).
 */
import { APIError, type DataOf, type FetchResult } from "./errors.ts";

/** The server's pages cannot be followed to the end; what was iterated so far is not the whole list. */
export class PaginationError extends Error {
  override name = "PaginationError";
}

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
  /**
   * Params of the next page, or undefined when this was the last. Called before the page is
   * yielded; throw (a PaginationError) if this page is not what was asked for.
   */
  next(data: Data, current: Params, items: Item[]): Params | undefined;
}

export function paginate<Params, R extends FetchResult, Item>(
  fetchPage: (params: Params) => Promise<R>,
  adapter: PageAdapter<Params, NonNullable<DataOf<R>>, Item>,
): Paginated<Item, NonNullable<DataOf<R>>> {
  type Data = NonNullable<DataOf<R>>;
  async function* pages(): AsyncGenerator<Page<Item, Data>, void, undefined> {
    // Every position requested so far (params as JSON): asking for one again would loop.
    const seen = new Set<string>();
    let params: Params | undefined = adapter.first;
    while (params !== undefined) {
      const key = JSON.stringify(params);
      if (seen.has(key)) throw new PaginationError(`The server led back to a page already fetched (${key}).`);
      seen.add(key);
      const { data, error, response } = await fetchPage(params);
      if (!response.ok) throw APIError.from(response, error);
      const items = adapter.items(data as Data);
      const next = adapter.next(data as Data, params, items);
      yield { items, data: data as Data, response };
      params = next;
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

/**
 * Page-number paging: the next page is the requested one + 1. The server's page must be the one
 * requested (a server that ignores `page` would otherwise repeat page 1 forever); `more` says
 * whether pages follow (undefined: the response lacks `field`, which is an error too).
 */
function numbered<P extends { page: number }, D, Item>(
  first: P,
  items: (d: D) => Item[],
  more: (d: D, page: number) => boolean | undefined,
  field: string,
): PageAdapter<P, D, Item> {
  return {
    first,
    items,
    next: (d, cur, list) => {
      const { page } = d as { page?: unknown };
      if (page != null && page !== cur.page)
        throw new PaginationError(`Asked for page ${cur.page}, the server answered page ${String(page)}.`);
      const m = more(d, cur.page);
      if (m === undefined)
        throw new PaginationError(`Page ${cur.page} has no \`${field}\`: cannot tell whether more pages follow.`);
      if (!m) return undefined;
      if (!list.length) throw new PaginationError(`Page ${cur.page} is empty, but the server says more follow.`);
      return { ...cur, page: cur.page + 1 };
    },
  };
}

/** LifeLoop: query `page` (from 1) / `pageSize`; body `{ data, page, pageSize, hasMore }`. */
export function pageSizePages<R extends FetchResult>(
  fetchPage: (params: { page: number; pageSize?: number }) => Promise<R>,
  options: { pageSize?: number; startPage?: number } = {},
): Paginated<ArrayItem<Field<R, "data">>, NonNullable<DataOf<R>>> {
  type D = { data?: unknown[]; hasMore?: boolean };
  return paginate(
    fetchPage,
    numbered(
      { page: options.startPage ?? 1, ...(options.pageSize && { pageSize: options.pageSize }) },
      (d) => ((d as D).data ?? []) as ArrayItem<Field<R, "data">>[],
      (d) => (d as D).hasMore,
      "hasMore",
    ),
  );
}

/** LoopMessage: query `page` (from 1) / `per_page`; body `{ page, num_pages, per_page, count, items }`. */
export function numPagesPages<R extends FetchResult>(
  fetchPage: (params: { page: number; per_page?: number }) => Promise<R>,
  options: { perPage?: number; startPage?: number } = {},
): Paginated<ArrayItem<Field<R, "items">>, NonNullable<DataOf<R>>> {
  type D = { items?: unknown[]; num_pages?: number };
  return paginate(
    fetchPage,
    numbered(
      { page: options.startPage ?? 1, ...(options.perPage && { per_page: options.perPage }) },
      (d) => ((d as D).items ?? []) as ArrayItem<Field<R, "items">>[],
      (d, page) => {
        const n = (d as D).num_pages;
        return typeof n === "number" ? page < n : undefined;
      },
      "num_pages",
    ),
  );
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
    // A cursor seen before (repeated, or a cycle) is caught by `paginate`.
    next: (d, cur) => {
      const next = (d as D).pagination?.nextCursor;
      return next ? { ...cur, cursor: next } : undefined;
    },
  });
}
