/**
 * Auto-pagination over openapi-fetch calls. `fetchPage` receives the page parameters to merge into
 * the query and returns the openapi-fetch result; the item type is inferred from its data type.
 * Each client module exports its API's paginator (`loopsPages`, `lifeloopPages`,
 * `loopMessagePages`), built on `paginate` and an adapter from this module:
 *
 *   for await (const r of lifeloopPages((q) => client.GET("/residents", { params: { query: q } }))) …
 *   for await (const page of lifeloopPages(…).pages()) …   // { items, data, response } per page
 *
 * An error result stops the iteration by throwing the typed APIError, and a list the loop cannot
 * page through throws a PaginationError (never an endless loop, never a silently short list): a
 * 2xx without a body, a server that answers another page than the one asked for, a page with the
 * same items as the page before (a server that ignores the page asked for), a page position requested twice (a repeated or cycling
 * cursor), or a server that says there is more but gives nothing to advance with (an empty page
 * that claims more, no `num_pages`). `maxPages` / `maxItems` stop the iteration where the caller says.
 */
import { brand } from "./brand.ts";
import { APIError, type DataOf, type FetchResult } from "./errors.ts";
import { numberOption } from "./options.ts";

/** The server's pages cannot be followed to the end; what was iterated so far is not the whole list. */
export class PaginationError extends Error {}
brand(PaginationError, "PaginationError");

export interface Page<Item, Data> {
  items: Item[];
  /** The whole response body of this page. */
  data: Data;
  response: Response;
}

export interface Paginated<Item, Data> extends AsyncIterable<Item> {
  pages(): AsyncGenerator<Page<Item, Data>, void, undefined>;
}

/** Where the caller wants the iteration to stop, whatever the server says. */
export interface PageLimits {
  /** Fetch at most this many pages. */
  maxPages?: number;
  /** Yield at most this many items (the last page's `items` are cut to fit). */
  maxItems?: number;
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
  limits: PageLimits = {},
): Paginated<Item, NonNullable<DataOf<R>>> {
  type Data = NonNullable<DataOf<R>>;
  const maxPages = numberOption(limits.maxPages, "maxPages", Infinity, 1, true);
  const maxItems = numberOption(limits.maxItems, "maxItems", Infinity, 1, true);
  async function* pages(): AsyncGenerator<Page<Item, Data>, void, undefined> {
    // Every position requested so far (params as JSON): asking for one again would loop.
    const seen = new Set<string>();
    let params: Params | undefined = adapter.first;
    let yielded = 0;
    let previous: string | undefined;
    while (params !== undefined && seen.size < maxPages && yielded < maxItems) {
      const at = JSON.stringify(params);
      if (seen.has(at)) throw new PaginationError(`The server led back to a page already fetched (${at}).`);
      seen.add(at);
      const { data, error, response } = await fetchPage(params);
      if (!response.ok) throw APIError.from(response, error);
      if (data == null) throw new PaginationError(`The page at ${at} came back ${response.status} without a body.`);
      let items = adapter.items(data as Data);
      const next = adapter.next(data as Data, params, items);
      // The same items twice in a row: the server ignored the page asked for (and may not say so).
      const print = items.length ? JSON.stringify(items) : previous;
      if (items.length && print === previous)
        throw new PaginationError(`The page at ${at} repeats the previous page's items.`);
      previous = print;
      items = items.slice(0, maxItems - yielded);
      yielded += items.length;
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

export type ArrayItem<T> = NonNullable<T> extends readonly (infer I)[] ? I : never;
export type Field<R, K extends string> = NonNullable<DataOf<R>> extends { [P in K]?: infer V } ? V : never;

/** `next`, unless `items` is empty: a server that says more follow after an empty page could page on forever. */
function advance<P>(items: unknown[], next: P, empty: string): P {
  if (!items.length) throw new PaginationError(empty);
  return next;
}

/**
 * Page-number paging: the items are the body's `list` field, and the next page is the requested
 * one + 1. The server's page, when the body says it, must be the one requested (a server that
 * ignores `page` would otherwise repeat page 1 forever; `paginate` catches one that does not say,
 * by its repeated items). `more` says whether pages follow (undefined: the response lacks `field`,
 * which is an error too).
 */
export function pageNumberAdapter<P extends { page: number }, D, Item>(
  first: P,
  list: string,
  more: (d: D, page: number) => unknown,
  field: string,
): PageAdapter<P, D, Item> {
  return {
    first,
    items: (d) => (d as Record<string, Item[] | undefined>)[list] ?? [],
    next: (d, cur, items) => {
      const { page } = d as { page?: unknown };
      const at = `Page ${cur.page}`;
      if (page != null && page !== cur.page)
        throw new PaginationError(`Asked for page ${cur.page}, the server answered page ${String(page)}.`);
      const m = more(d, cur.page);
      if (m === undefined) throw new PaginationError(`${at} has no \`${field}\` to tell whether more pages follow.`);
      return m
        ? advance(items, { ...cur, page: cur.page + 1 }, `${at} is empty, but the server says more follow.`)
        : undefined;
    },
  };
}

/** Cursor paging: the items are the body's `data`; the next page's params carry the cursor the page gave. */
export function cursorAdapter<P extends { cursor?: string }, D, Item>(
  first: P,
  nextCursor: (d: D) => string | null | undefined,
): PageAdapter<P, D, Item> {
  return {
    first,
    items: (d) => (d as { data?: Item[] }).data ?? [],
    // A cursor seen before (repeated, or a cycle) is caught by `paginate`.
    next: (d, cur, items) => {
      const cursor = nextCursor(d);
      return cursor
        ? advance(items, { ...cur, cursor }, `An empty page gave a next cursor (${JSON.stringify(cursor)}).`)
        : undefined;
    },
  };
}
