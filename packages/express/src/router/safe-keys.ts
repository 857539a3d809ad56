import { VerdictError } from '@verdict/core';

/** Keys that can reach an object's prototype when code later merges or assigns by key. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The deepest JSON nesting a request may carry. Schemas walk values recursively; a body of a
 * million `[` would otherwise overflow the stack inside validation and come back as a 500.
 */
export const MAX_JSON_DEPTH = 64;

function forbidden(key: string, path: ReadonlyArray<string | number>): VerdictError {
  const where = path.length > 0 ? ` at ${path.join('.')}` : '';
  return new VerdictError('INVALID_ARGUMENT', `key ${JSON.stringify(key)} is not allowed${where}`, {
    issues: [{ code: 'forbidden_key', path: [...path, key], message: `key ${JSON.stringify(key)} is not allowed` }],
  });
}

/**
 * Throws `INVALID_ARGUMENT` when parsed JSON holds a `__proto__`, `constructor` or `prototype` key
 * at any depth, or nests deeper than {@link MAX_JSON_DEPTH}. Walks with an explicit stack (no
 * recursion) and reads own keys only, so the check itself cannot be tricked or overflow.
 * @example assertSafeJson(req.body)
 */
export function assertSafeJson(value: unknown): void {
  const stack: Array<{ value: unknown; path: Array<string | number> }> = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: current, path } = stack.pop() as { value: unknown; path: Array<string | number> };
    if (typeof current !== 'object' || current === null) continue;
    if (path.length >= MAX_JSON_DEPTH) {
      throw new VerdictError('INVALID_ARGUMENT', `JSON nests deeper than ${MAX_JSON_DEPTH} levels`, {
        issues: [{ code: 'too_deep', path, message: `nests deeper than ${MAX_JSON_DEPTH} levels` }],
      });
    }
    if (Array.isArray(current)) {
      current.forEach((item, index) => stack.push({ value: item, path: [...path, index] }));
      continue;
    }
    for (const key of Object.keys(current)) {
      if (FORBIDDEN_KEYS.has(key)) throw forbidden(key, path);
      stack.push({ value: (current as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
}

/**
 * Throws `INVALID_ARGUMENT` when a query string key is, or contains as a `.` / `[]` segment
 * (`tag.__proto__`, `a[constructor]`), a prototype key; such keys become object keys in
 * `searchParamsFromQuery` and in any extended query parser.
 * @example assertSafeQuery(req.query)
 */
export function assertSafeQuery(query: Record<string, unknown>): void {
  for (const key of Object.keys(query)) {
    for (const segment of key.split(/[.[\]]/)) {
      if (FORBIDDEN_KEYS.has(segment)) throw forbidden(key, ['query']);
    }
  }
  // Extended parsers (qs) nest objects; their inner keys are checked like a JSON body.
  assertSafeJson(query);
}
