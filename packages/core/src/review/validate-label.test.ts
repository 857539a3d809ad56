import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import type { LabelInput, LabelSchema } from '../schemas/label-schema';
import { labelValueSchema, validateLabelValue } from './validate-label';

const schemaOf = (input: LabelInput): LabelSchema => ({ name: 'q', type: 'feedback', title: 'Q', input });
const message = (value: unknown, input: LabelInput) => {
  const check = validateLabelValue(value, schemaOf(input));
  return check.ok ? undefined : check.message;
};

describe('validateLabelValue', () => {
  it('categorical: one of the options', () => {
    const input: LabelInput = { kind: 'categorical', options: ['yes', 'no'] };
    expect(validateLabelValue('yes', schemaOf(input))).toEqual({ ok: true, value: 'yes' });
    expect(message('maybe', input)).toBe('choose one of "yes", "no"');
    expect(message(['yes'], input)).toBe('choose one of "yes", "no"');
    expect(message(undefined, input)).toBe('choose one of "yes", "no"');
  });

  it('categorical_list: at least one, only options, each once', () => {
    const input: LabelInput = { kind: 'categorical_list', options: ['a', 'b', 'c'] };
    expect(validateLabelValue(['a', 'c'], schemaOf(input)).ok).toBe(true);
    expect(message([], input)).toBe('choose at least one option');
    expect(message(['a', 'd'], input)).toBe('choose only from "a", "b", "c"');
    expect(message(['a', 'a'], input)).toBe('choose each option once');
    expect(message('a', input)).toMatch(/choose one or more/);
  });

  it('numeric: finite and within bounds (inclusive)', () => {
    const input: LabelInput = { kind: 'numeric', min_value: 1, max_value: 5 };
    expect(validateLabelValue(1, schemaOf(input)).ok).toBe(true);
    expect(validateLabelValue(5, schemaOf(input)).ok).toBe(true);
    expect(message(0.5, input)).toBe('must be at least 1');
    expect(message(6, input)).toBe('must be at most 5');
    expect(message('3', input)).toBe('enter a number');
    expect(message(Number.NaN, input)).toMatch(/number/);
    expect(validateLabelValue(-1e9, schemaOf({ kind: 'numeric' })).ok).toBe(true);
  });

  it('text: not blank, within max_length', () => {
    const input: LabelInput = { kind: 'text', max_length: 5 };
    expect(validateLabelValue('hello', schemaOf(input)).ok).toBe(true);
    expect(message('   ', input)).toBe('write an answer');
    expect(message('toolong', input)).toBe('must be at most 5 characters');
    expect(message(3, input)).toBe('write an answer');
  });

  it('text_list: at least one non-blank row, within max_count and max_length_each, with the row named', () => {
    const input: LabelInput = { kind: 'text_list', max_count: 2, max_length_each: 3 };
    expect(validateLabelValue(['a', 'bcd'], schemaOf(input)).ok).toBe(true);
    expect(message([], input)).toBe('add at least one row');
    expect(message(['a', 'b', 'c'], input)).toBe('at most 2 rows');
    expect(validateLabelValue(['a', 'long'], schemaOf(input))).toEqual({ ok: false, message: 'each row must be at most 3 characters', path: [1] });
    expect(validateLabelValue([' '], schemaOf(input))).toEqual({ ok: false, message: 'a row must not be empty', path: [0] });
  });
});

describe('labelValueSchema', () => {
  it('is a zod/mini schema usable with z.safeParse', () => {
    const schema = labelValueSchema(schemaOf({ kind: 'numeric', max_value: 10 }));
    expect(z.safeParse(schema, 10).success).toBe(true);
    expect(z.safeParse(schema, 11).error?.issues[0]?.message).toBe('must be at most 10');
  });
});
