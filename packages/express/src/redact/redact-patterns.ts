import type { RedactHook } from './redact-hook';

/**
 * Common personal data, as global regular expressions: email addresses, card numbers (13–19
 * digits, spaces or dashes allowed) and phone numbers (`+44 20 7946 0958`, `(555) 123-4567`,
 * `555-123-4567`). Patterns, not proof: review them against your own data.
 * @example redactPatterns([PII_PATTERNS.email, /\bACCT-\d+\b/g])
 */
export const PII_PATTERNS = {
  email: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g,
  card: /\b(?:\d[ -]?){12,18}\d\b/g,
  phone: /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?|\b\d{2,4}[\s.-])\d{3,4}[\s.-]?\d{3,4}\b/g,
} as const;

/** Options of {@link redactPatterns}. */
export interface RedactPatternsOptions {
  /** What each match becomes. @default '[REDACTED]' */
  replacement?: string;
}

/** The text `redactPatterns` puts in place of each match unless told otherwise. */
export const REDACTED = '[REDACTED]';

function globalOf(pattern: RegExp): RegExp {
  // A non-global pattern would replace only the first match: a second email would slip through.
  return pattern.global ? pattern : new RegExp(pattern.source, `${pattern.flags}g`);
}

/**
 * A ready redact hook: replaces every match of `patterns` in every string of the value (deep:
 * inside objects and arrays, and inside JSON held in strings), keeping keys, numbers and booleans.
 * @default patterns: email, card and phone from {@link PII_PATTERNS}, in that order
 * @example verdict({ store, redact: redactPatterns() })
 * @example verdict({ store, redact: redactPatterns([PII_PATTERNS.email], { replacement: '[email]' }) })
 */
export function redactPatterns(
  patterns: readonly RegExp[] = [PII_PATTERNS.email, PII_PATTERNS.card, PII_PATTERNS.phone],
  options: RedactPatternsOptions = {},
): RedactHook {
  const replacement = options.replacement ?? REDACTED;
  const compiled = patterns.map(globalOf);
  const text = (value: string): string => compiled.reduce((current, pattern) => current.replace(pattern, replacement), value);
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item)]));
    }
    return value;
  };
  return (value) => walk(value);
}
