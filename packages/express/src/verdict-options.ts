import { VerdictError, toIssues } from '@verdict/core';
import type { Store } from '@verdict/core';
import * as z from 'zod';
import { DEFAULT_FEEDBACK_TOKEN_TTL_MS } from './feedback-token';
import { parseByteSize } from './router/body-parsing';

/** Options of {@link verdict}. */
export interface VerdictOptions {
  /** Where traces and assessments live: `memoryStore()` from `@verdict/core`, or `jsonStore(...)`. */
  store: Store;
  /**
   * When set, `/feedback` and `/detailed-feedback` accept only a valid, unexpired feedback token
   * for the trace being rated (at least 16 characters; use a long random value).
   */
  feedbackSecret?: string;
  /** How long a feedback token stays valid. @default 86_400_000 (24 h) */
  feedbackTokenTtlMs?: number;
  /** The largest JSON body accepted, as bytes or a size like `'512kb'`. @default '1mb' */
  bodyLimit?: string | number;
  /**
   * Called with errors Verdict cannot hand to a caller: failed trace writes and the unexpected
   * errors behind a 500 response. Must not throw.
   * @default `console.error` (failed trace writes: once per kind of error, so a store outage does not flood the log)
   */
  onError?: (error: unknown) => void;
}

/** The options after defaults, as the rest of the package uses them. */
export interface ResolvedVerdictOptions {
  store: Store;
  feedbackSecret: string | undefined;
  feedbackTokenTtlMs: number;
  bodyLimitBytes: number;
  /** The host's hook, if any; each consumer picks its own default. */
  onError: ((error: unknown) => void) | undefined;
}

const STORE_HINT = 'pass memoryStore() from @verdict/core or jsonStore(...)';

function isStore(value: unknown): value is Store {
  const store = value as { traces?: Record<string, unknown>; assessments?: Record<string, unknown> } | null;
  if (typeof store !== 'object' || store === null) return false;
  const { traces, assessments } = store;
  return (
    typeof traces === 'object' && traces !== null && typeof assessments === 'object' && assessments !== null &&
    ['put', 'get', 'search'].every((method) => typeof traces[method] === 'function') &&
    ['create', 'get', 'delete'].every((method) => typeof assessments[method] === 'function')
  );
}

const OptionsSchema = z.strictObject({
  store: z.custom<Store>(isStore, {
    error: (issue) =>
      issue.input === undefined
        ? `verdict({ store }) needs a store: ${STORE_HINT}`
        : `verdict({ store }) got something that is not a Store (it needs traces.put/get/search and assessments.create/get/delete): ${STORE_HINT}`,
  }),
  feedbackSecret: z
    .string({ error: 'feedbackSecret must be a string' })
    .min(16, "feedbackSecret must be at least 16 characters: use a long random value, e.g. crypto.randomBytes(32).toString('hex')")
    .optional(),
  feedbackTokenTtlMs: z
    .number({ error: 'feedbackTokenTtlMs must be a number of milliseconds' })
    .int('feedbackTokenTtlMs must be a whole number of milliseconds')
    .positive('feedbackTokenTtlMs must be positive')
    .default(DEFAULT_FEEDBACK_TOKEN_TTL_MS),
  bodyLimit: z
    .union([z.string(), z.number()])
    .default('1mb')
    .transform((limit, context) => {
      const bytes = parseByteSize(limit);
      if (bytes === undefined) {
        context.addIssue({ code: 'custom', message: `bodyLimit must be a positive byte count or a size like '1mb' or '512kb', not ${JSON.stringify(limit)}` });
        return z.NEVER;
      }
      return bytes;
    }),
  onError: z.custom<(error: unknown) => void>((value) => typeof value === 'function', 'onError must be a function').optional(),
});

const KNOWN_OPTIONS = Object.keys(OptionsSchema.shape);

/**
 * Case-insensitive edit distance, to suggest the option (or option value) a typo meant.
 * @example editDistance('feedbackSecrets', 'feedbackSecret') // 1
 */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function unknownOptionMessage(key: string): string {
  const [best] = KNOWN_OPTIONS.map((known) => ({ known, cost: editDistance(key, known) })).sort((x, y) => x.cost - y.cost);
  const hint = best && best.cost <= Math.max(2, Math.floor(key.length / 3)) ? ` (did you mean ${best.known}?)` : '';
  return `verdict() has no option ${JSON.stringify(key)}${hint}; known options: ${KNOWN_OPTIONS.join(', ')}`;
}

/**
 * Checks `verdict()`'s options once, at construction, and throws one `INVALID_ARGUMENT`
 * VerdictError listing every problem with a hint on how to fix it.
 * @example const options = resolveVerdictOptions({ store: memoryStore() })
 */
export function resolveVerdictOptions(options: unknown): ResolvedVerdictOptions {
  // Core's schemas are zod/mini, which ships no messages: error bodies stay in English (classic
  // zod's default) unless the host picked another locale.
  if (z.config().localeError === undefined) z.config(z.locales.en());
  if (typeof options !== 'object' || options === null) {
    throw new VerdictError('INVALID_ARGUMENT', `verdict(options) needs an options object with a store: verdict({ store: memoryStore() })`);
  }
  const result = OptionsSchema.safeParse(options);
  if (!result.success) {
    const messages = result.error.issues.flatMap((issue) =>
      issue.code === 'unrecognized_keys' ? issue.keys.map(unknownOptionMessage) : [issue.message],
    );
    throw new VerdictError('INVALID_ARGUMENT', messages.join('\n'), { issues: toIssues(result.error.issues) });
  }
  const { store, feedbackSecret, feedbackTokenTtlMs, bodyLimit, onError } = result.data;
  return { store, feedbackSecret, feedbackTokenTtlMs, bodyLimitBytes: bodyLimit, onError };
}
