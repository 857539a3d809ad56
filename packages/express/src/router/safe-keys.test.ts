import { VerdictError } from '@verdict/core';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, assertSafeJson, assertSafeQuery } from './safe-keys';

function codeOf(run: () => void): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return VerdictError.isInstance(error) ? error.code : 'not a VerdictError';
  }
}

describe('assertSafeJson', () => {
  it('accepts ordinary JSON', () => {
    expect(codeOf(() => assertSafeJson({ a: [1, { b: 'c' }], d: null }))).toBeUndefined();
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses a nested own %s key', (key) => {
    const body: unknown = JSON.parse(`{"metadata":{"list":[{"${key}":{"polluted":"yes"}}]}}`);
    expect(codeOf(() => assertSafeJson(body))).toBe('INVALID_ARGUMENT');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses nesting deeper than the limit without overflowing the stack', () => {
    const deep: unknown = JSON.parse('['.repeat(200_000) + ']'.repeat(200_000));
    expect(codeOf(() => assertSafeJson(deep))).toBe('INVALID_ARGUMENT');
    const ok: unknown = JSON.parse('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH));
    expect(codeOf(() => assertSafeJson(ok))).toBeUndefined();
  });
});

describe('assertSafeQuery', () => {
  it('refuses prototype keys as whole keys and as segments', () => {
    for (const key of ['__proto__', 'tag.__proto__', 'metadata.constructor', 'a[prototype]']) {
      expect(codeOf(() => assertSafeQuery({ [key]: 'x' }))).toBe('INVALID_ARGUMENT');
    }
    expect(codeOf(() => assertSafeQuery({ 'tag.env': 'prod', trace_id: 'x' }))).toBeUndefined();
  });
});
