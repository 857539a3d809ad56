import { describe, expect, it } from 'vitest';
import { PII_PATTERNS, REDACTED, redactPatterns } from './redact-patterns';

const context = { kind: 'span_inputs', path: [] } as const;

describe('redactPatterns', () => {
  const redact = redactPatterns();

  it('masks emails, card numbers and phone numbers in every string, deep', () => {
    const value = {
      message: 'mail a.b+c@mail.example.co.uk or call +44 20 7946 0958',
      history: ['card 4111 1111 1111 1111, exp soon', { text: '(555) 123-4567 and 555-123-4567' }],
      count: 3,
      ok: true,
      nothing: null,
    };
    expect(redact(value, context)).toEqual({
      message: `mail ${REDACTED} or call ${REDACTED}`,
      history: [`card ${REDACTED}, exp soon`, { text: `${REDACTED} and ${REDACTED}` }],
      count: 3,
      ok: true,
      nothing: null,
    });
  });

  it('leaves dates, times, ids and short numbers alone', () => {
    const text = 'on 2026-11-23 at 16:05, order 12345, version 1.2.3, trace tr-0af3';
    expect(redact(text, context)).toBe(text);
  });

  it('replaces every match even for a non-global pattern, with the chosen replacement', () => {
    const only = redactPatterns([/ACCT-\d+/], { replacement: '[account]' });
    expect(only('ACCT-1 and ACCT-22', context)).toBe('[account] and [account]');
    expect(redactPatterns([PII_PATTERNS.email])('x@y.io, z@w.io', context)).toBe(`${REDACTED}, ${REDACTED}`);
  });

  it('keeps keys, including one named __proto__, as own data', () => {
    const parsed = JSON.parse('{"__proto__": {"to": "p@q.io"}}') as unknown;
    const result = redact(parsed, context) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(result, '__proto__')?.value).toEqual({ to: REDACTED });
  });
});
