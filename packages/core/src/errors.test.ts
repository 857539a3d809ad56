import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { ERROR_STATUS, VerdictError, toIssues } from './errors';
import { parseOrThrow } from './validate';

describe('VerdictError', () => {
  it('carries code, status, issues and cause', () => {
    const cause = new Error('disk full');
    const error = new VerdictError('UNAVAILABLE', 'store is down', { cause, issues: [{ code: 'x', path: [], message: 'y' }] });
    expect(error).toMatchObject({ name: 'VerdictError', code: 'UNAVAILABLE', status: 503, message: 'store is down', cause });
    expect(error.issues).toHaveLength(1);
    expect(new VerdictError('NOT_FOUND', 'gone').cause).toBeUndefined();
  });

  it('is recognised across package copies by its Symbol.for marker', () => {
    expect(VerdictError.isInstance(new VerdictError('CONFLICT', 'taken'))).toBe(true);
    expect(VerdictError.isInstance({ [Symbol.for('verdict.error')]: true })).toBe(true);
    expect(VerdictError.isInstance(new Error('plain'))).toBe(false);
    expect(VerdictError.isInstance(undefined)).toBe(false);
  });

  it('maps every code to a 4xx or 5xx status', () => {
    for (const status of Object.values(ERROR_STATUS)) expect(status >= 400 && status < 600).toBe(true);
  });
});

describe('parseOrThrow', () => {
  const schema = z.strictObject({ name: z.string(), tags: z.array(z.string()) });

  it('returns the parsed value', () => {
    expect(parseOrThrow(schema, { name: 'a', tags: [] }, 'thing')).toEqual({ name: 'a', tags: [] });
  });

  it('throws INVALID_ARGUMENT naming the first problem, with every issue in wire form', () => {
    let caught: unknown;
    try {
      parseOrThrow(schema, { name: 1, tags: ['a', 2], extra: true }, 'thing');
    } catch (error) {
      caught = error;
    }
    expect(VerdictError.isInstance(caught)).toBe(true);
    const error = caught as VerdictError;
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.message).toMatch(/^invalid thing at name: /);
    expect(error.issues?.map((issue) => issue.path)).toEqual([['name'], ['tags', 1], []]);
    // zod's details travel (the unknown key's name, the expected type); the echoed input never does.
    expect(error.issues?.[2]).toMatchObject({ code: 'unrecognized_keys', keys: ['extra'] });
    expect(error.issues?.[0]).toMatchObject({ code: 'invalid_type', expected: 'string' });
    expect(error.issues?.some((issue) => 'input' in issue)).toBe(false);
  });

  it('toIssues turns symbol path parts into strings', () => {
    const symbol = Symbol('key');
    expect(toIssues([{ code: 'custom', path: [symbol, 0], message: 'm' }])).toEqual([
      { code: 'custom', path: ['Symbol(key)', 0], message: 'm' },
    ]);
  });
});
