/** Longer strings are rarely repeated (previews, comments): sharing them would only grow the table. */
const MAX_SHARED_STRING = 128;

/**
 * One frozen copy per distinct small value (tag maps, assessment sources, short strings), so the
 * index holds 100k traces with a handful of tag sets as a handful of objects instead of 100k:
 * fewer objects for the garbage collector to walk on every major collection. The table stops
 * growing at `limit` entries; values seen after that are kept as they are.
 */
export class SharedValues {
  readonly #values = new Map<string, unknown>();

  constructor(private readonly limit = 65_536) {}

  string(value: string): string {
    if (value.length > MAX_SHARED_STRING) return value;
    return this.#share(`s${value}`, value);
  }

  /** A string → string map (tags, metadata), shared when another map with equal entries in the same order exists. */
  map(value: Record<string, string>): Record<string, string> {
    const key = `m${JSON.stringify(value)}`;
    if (key.length > 4 * MAX_SHARED_STRING) return value;
    return this.#share(key, value);
  }

  /** Any small JSON-like object, identified by the caller's `key`. */
  object<T extends object>(key: string, value: T): T {
    return this.#share(`o${key}`, value);
  }

  #share<T>(key: string, value: T): T {
    const known = this.#values.get(key);
    if (known !== undefined) return known as T;
    if (this.#values.size >= this.limit) return value;
    // Frozen: a shared copy mutated in place would silently change every trace that uses it.
    if (typeof value === 'object' && value !== null) Object.freeze(value);
    this.#values.set(key, value);
    return value;
  }
}
