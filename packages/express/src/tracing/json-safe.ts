import type { JsonValue } from '@verdict/core';

/**
 * Recording values (span inputs, outputs, attributes) without ever throwing.
 *
 * One walk makes a JSON-safe copy: the snapshot the stored trace keeps (so later mutation by the
 * host does not rewrite history) and what `JSON.stringify` turns into the OTel attribute, with no
 * replacer and no re-parse. Strings are shared, not copied, so large prompts cost little.
 */

/** About how many characters one recorded value may take once serialised (100 KB). */
export const MAX_VALUE_CHARS = 100_000;

// Deeper than this is either a cycle through getters or not worth reading.
const MAX_DEPTH = 64;

// Walk state. The walk is synchronous and never re-entered (toJSON results are walked, not
// serialised), so module-level state is safe and spares an allocation per call.
let budget = 0;
const ancestors: unknown[] = [];

/**
 * A JSON-safe copy of any value: cycles become `"[Circular]"`, BigInt a decimal string, Errors
 * `{ name, message, stack, ... }`, Maps objects, Sets arrays, functions `"[Function name]"`,
 * non-finite numbers strings; past `maxChars` strings are cut and collections end with a
 * `"[truncated …]"` marker.
 * @example toJsonValue({ n: 1n, when: new Date(0) }) // { n: '1', when: '1970-01-01T00:00:00.000Z' }
 */
export function toJsonValue(value: unknown, maxChars: number = MAX_VALUE_CHARS): JsonValue {
  budget = maxChars;
  try {
    return copy(value, 0) ?? null;
  } catch {
    // A throwing getter or toJSON: record that, never fail the traced call.
    return '[Unserializable]';
  } finally {
    ancestors.length = 0;
  }
}

/**
 * Compact JSON of {@link toJsonValue}'s copy; never throws.
 * @example serializeValue({ n: 1n }) // '{"n":"1"}'
 */
export function serializeValue(value: unknown, maxChars: number = MAX_VALUE_CHARS): string {
  return JSON.stringify(toJsonValue(value, maxChars));
}

function copyString(value: string): string {
  const room = budget > 0 ? budget : 0;
  budget -= value.length + 2;
  if (value.length <= room) return value;
  return `${value.slice(0, room)}…[truncated ${value.length - room} chars]`;
}

function copy(value: unknown, depth: number): JsonValue | undefined {
  switch (typeof value) {
    case 'string':
      return copyString(value);
    case 'number':
      budget -= 8;
      return Number.isFinite(value) ? value : String(value);
    case 'boolean':
      budget -= 5;
      return value;
    case 'undefined':
      return undefined;
    case 'bigint':
    case 'symbol':
      return copyString(value.toString());
    case 'function':
      return `[Function ${(value as { name?: string }).name || 'anonymous'}]`;
  }
  if (value === null) return null;
  for (let index = 0; index < depth; index++) if (ancestors[index] === value) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[MaxDepth]';
  ancestors[depth] = value;
  const out = Array.isArray(value) ? copyList(value, depth) : copyObject(value as object, depth);
  ancestors[depth] = undefined;
  return out;
}

function copyList(items: readonly unknown[], depth: number): JsonValue[] {
  const out: JsonValue[] = [];
  for (let index = 0; index < items.length; index++) {
    if (budget <= 0) {
      out.push(`[truncated ${items.length - index} more items]`);
      break;
    }
    out.push(copy(items[index], depth + 1) ?? null);
  }
  return out;
}

function setKey(out: Record<string, JsonValue>, key: string, value: JsonValue): void {
  // An own "__proto__" key (JSON.parse makes them) must stay a key, not become the prototype.
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

function copyEntries(entries: Iterable<readonly [string, unknown]>, total: number, depth: number): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  let copied = 0;
  for (const [key, item] of entries) {
    if (budget <= 0) {
      out['[truncated]'] = `${total - copied} more keys`;
      break;
    }
    copied += 1;
    budget -= key.length + 4;
    const safe = copy(item, depth + 1);
    if (safe !== undefined) setKey(out, key, safe);
  }
  return out;
}

function copyPlain(value: object, depth: number): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  const record = value as Record<string, unknown>;
  for (const key in record) {
    if (!Object.hasOwn(record, key)) continue;
    if (budget <= 0) return copyEntries(Object.entries(record), Object.keys(record).length, depth);
    budget -= key.length + 4;
    const safe = copy(record[key], depth + 1);
    if (safe !== undefined) setKey(out, key, safe);
  }
  return out;
}

function copyObject(value: object, depth: number): JsonValue {
  const prototype: unknown = Object.getPrototypeOf(value);
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if ((prototype === Object.prototype || prototype === null) && typeof toJSON !== 'function') return copyPlain(value, depth);
  if (value instanceof Error) {
    const fields: [string, unknown][] = [['name', value.name], ['message', value.message]];
    for (const key of Object.keys(value)) fields.push([key, (value as unknown as Record<string, unknown>)[key]]);
    if (value.stack !== undefined) fields.push(['stack', value.stack]);
    if (value.cause !== undefined) fields.push(['cause', value.cause]);
    return copyEntries(fields, fields.length, depth);
  }
  if (value instanceof Map) {
    const entries = [...value].map(([key, item]): [string, unknown] => [
      typeof key === 'object' && key !== null ? '[object]' : String(key),
      item,
    ]);
    return copyEntries(entries, entries.length, depth);
  }
  if (value instanceof Set) return copyList([...value], depth);
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return `[${value.constructor.name} ${value.byteLength} bytes]`;
  if (value instanceof Promise || value instanceof WeakMap || value instanceof WeakSet) return `[${value.constructor.name}]`;
  if (value instanceof RegExp) return copyString(value.toString());
  if (typeof toJSON === 'function') {
    // Date and friends: walk what toJSON returns, guarding its own cycles and BigInts too.
    try {
      return copy(toJSON.call(value), depth + 1) ?? null;
    } catch {
      return '[Unserializable]';
    }
  }
  return copyPlain(value, depth);
}
