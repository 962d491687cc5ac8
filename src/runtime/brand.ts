/**
 * `instanceof` across copies of this package. Its ESM and CommonJS builds, or two installed
 * versions, each define their own classes, so an error thrown by one copy fails a plain
 * `instanceof` against the other's class. A branded class also recognises any object whose
 * prototype carries its brand under a `Symbol.for` key, which every copy shares.
 */
const BRANDS = Symbol.for("loop-api-clients.brands");

type Branded = { [BRANDS]?: readonly string[] };

/**
 * Brands `Class` as `name`, which is also the `name` of an error class's instances (on the
 * prototype, so a stack trace is headed by it from the start). Brand a parent before its subclasses: a subclass
 * inherits its parent's brands.
 */
export function brand(Class: abstract new (...args: never[]) => object, name: string): void {
  const inherited = (Object.getPrototypeOf(Class.prototype) as Branded)[BRANDS] ?? [];
  Object.defineProperty(Class.prototype, BRANDS, { value: [...inherited, name] });
  if (Class.prototype instanceof Error)
    Object.defineProperty(Class.prototype, "name", { value: name, writable: true, configurable: true });
  Object.defineProperty(Class, Symbol.hasInstance, {
    value(this: unknown, value: unknown): boolean {
      if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
      // By brand only for the branded class itself: a caller's own subclass keeps plain instanceof.
      return this === Class && !!(value as Branded | null | undefined)?.[BRANDS]?.includes(name);
    },
  });
}
