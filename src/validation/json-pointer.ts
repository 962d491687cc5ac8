/** One segment of a JSON pointer (RFC 6901), escaped and unescaped: `~` is `~0`, `/` is `~1`. */
export const escapeSegment = (key: string | number) => String(key).replaceAll("~", "~0").replaceAll("/", "~1");
export const unescapeSegment = (segment: string) => segment.replaceAll("~1", "/").replaceAll("~0", "~");
