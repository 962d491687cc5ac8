/**
 * Number options, checked where they are given (at construction, or by the call that passes them):
 * a value of the wrong kind is a RangeError naming the option, never a silent default.
 */

/**
 * `value`, or `fallback` when it is undefined. Anything but a finite number (a whole one when
 * `integer`) from `min` to `max` throws a RangeError naming `name`.
 */
export function numberOption<F extends number | undefined>(
  value: unknown,
  name: string,
  fallback: F,
  min: number,
  integer = false,
  max = Infinity,
): number | F {
  if (value === undefined) return fallback;
  if (
    !(integer ? Number.isInteger(value) : Number.isFinite(value)) ||
    (value as number) < min ||
    (value as number) > max
  )
    throw new RangeError(
      `\`${name}\` must be ${integer ? "an integer" : "a finite number"} ${max < Infinity ? `from ${min} to ${max}` : `>= ${min}`}.`,
    );
  return value as number;
}
