import { describe, expect, it } from 'vitest';
import { AssessmentValueSchema, JsonValueSchema, StringMapSchema } from './value';

describe('AssessmentValueSchema', () => {
  it.each([
    ['true', true],
    ['false', false],
    ['a number', 0.75],
    ['zero', 0],
    ['a negative number', -3],
    ['a string', 'friendly'],
    ['an empty string', ''],
    ['a list of strings', ['a', 'b']],
    ['an empty list', []],
    ['a JSON object', { answer: 'Paris', sources: [1, 2], nested: { ok: null } }],
  ])('accepts %s', (_label, value) => {
    expect(AssessmentValueSchema.safeParse(value).success).toBe(true);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a list of numbers', [1, 2]],
    ['a nested list of numbers', [[1, 2], [3]]],
    ['a mixed list', ['a', 1]],
    ['a list of objects', [{ a: 1 }]],
    ['a function', () => 1],
  ])('refuses %s', (_label, value) => {
    expect(AssessmentValueSchema.safeParse(value).success).toBe(false);
  });
});

describe('JsonValueSchema and StringMapSchema', () => {
  it('accept JSON and string maps only', () => {
    expect(JsonValueSchema.safeParse({ a: [1, 'x', null, { b: false }] }).success).toBe(true);
    expect(JsonValueSchema.safeParse({ a: new Date() }).success).toBe(false);
    expect(StringMapSchema.safeParse({ env: 'prod' }).success).toBe(true);
    expect(StringMapSchema.safeParse({ env: 1 }).success).toBe(false);
  });
});
