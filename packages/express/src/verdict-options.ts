import { VerdictError, toIssues } from '@verdict/core';
import type { Store } from '@verdict/core';
import * as z from 'zod';
import { DEFAULT_FEEDBACK_TOKEN_TTL_MS } from './feedback-token';
import { parseByteSize } from './router/body-parsing';
import type { AuthorizeHook } from './review/authorize';
import { DEFAULT_CLAIM_TTL_MS } from './review/item-state';
import type { PredictFn } from './evaluation/evaluate';
import type { JudgeOptions } from './evaluation/judge-runtime';
import type { Scorer } from './evaluation/scorer';
import type { RedactHook } from './redact/redact-hook';
import { DEFAULT_RATE_LIMIT } from './router/rate-limit';
import type { RateLimitOptions } from './router/rate-limit';

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
  /**
   * Says who is calling the review, dataset and evaluation routes (and `/traces`): return the
   * user `{ id, role: 'end_user' | 'reviewer' | 'developer' }`, `null` when nobody could be
   * identified (401), or `false` to deny (403). Verdict then applies the role rules: developers do
   * everything, reviewers read label schemas and label the sessions they are assigned to, end
   * users none of these routes. The feedback routes never call it.
   * @default every caller is `{ id: 'developer', role: 'developer' }` (a local, trusted setup)
   */
  authorize?: AuthorizeHook;
  /** How long claiming a labeling item locks it to one reviewer. @default 900_000 (15 min) */
  claimTtlMs?: number;
  /**
   * The apps `POST /evaluations` can run on a dataset, by name: each gets a row's inputs and
   * returns its answer (called inside a trace tagged with the run).
   * @example apps: { 'prompt-a': ({ question }) => answer(String(question), promptA) }
   */
  apps?: Record<string, PredictFn>;
  /** The host's own scorers (made with `scorer(name, fn)`), usable by name next to the built-ins. */
  scorers?: Scorer[];
  /**
   * The LLM of the built-in judges (`correctness`, `guidelines`, …): an `openai` client, or an
   * OpenAI-compatible `baseURL` and `apiKey`, and the model.
   * @example judge: { baseURL: 'http://localhost:11434/v1', apiKey: 'ollama', model: 'llama3.1' }
   */
  judge?: JudgeOptions;
  /**
   * Masks personal data before anything is stored: called (synchronously) on every stored field
   * that can hold user content — span inputs, outputs, attributes and events, trace previews,
   * assessment values and rationales (feedback comments, judge rationales), dataset records,
   * labels and their comments, eval run rows — with what the field is; returns the value to store.
   * If it throws, the write fails (a 500, reported to `onError`) and nothing is stored.
   * @default none: values are stored as given
   * @example redact: redactPatterns() // emails, card and phone numbers → '[REDACTED]'
   */
  redact?: RedactHook;
  /**
   * Limits how often one client may call the end-user routes (`/feedback`, `/detailed-feedback`,
   * `chatHandler` and `streamHandler`), counted together per client in a fixed window; over it they
   * answer 429 `RATE_LIMITED` with `Retry-After`. Counts live in this process's memory (several
   * processes each count their own). `false` turns it off (e.g. when a gateway limits already).
   * Behind a proxy, set Express's `trust proxy` so `req.ip` is the client's address, not the proxy's.
   * @default { windowMs: 60_000, max: 60 } keyed by `req.ip`
   * @example rateLimit: { windowMs: 60_000, max: 20, keyGenerator: (req) => req.get('x-user-id') ?? req.ip ?? '' }
   */
  rateLimit?: RateLimitOptions | boolean;
}

/** The options after defaults, as the rest of the package uses them. */
export interface ResolvedVerdictOptions {
  store: Store;
  feedbackSecret: string | undefined;
  feedbackTokenTtlMs: number;
  bodyLimitBytes: number;
  /** The host's hook, if any; each consumer picks its own default. */
  onError: ((error: unknown) => void) | undefined;
  authorize: AuthorizeHook | undefined;
  claimTtlMs: number;
  apps: Record<string, PredictFn>;
  scorers: Scorer[];
  judge: JudgeOptions | undefined;
  redact: RedactHook | undefined;
  /** The rate limit of the end-user routes, or false when off. */
  rateLimit: Required<Pick<RateLimitOptions, 'windowMs' | 'max'>> & Pick<RateLimitOptions, 'keyGenerator'> | false;
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

const RateLimitSchema = z.strictObject({
  windowMs: z
    .number({ error: 'rateLimit.windowMs must be a number of milliseconds' })
    .int('rateLimit.windowMs must be a whole number of milliseconds')
    .positive('rateLimit.windowMs must be positive')
    .optional(),
  max: z
    .number({ error: 'rateLimit.max must be a number of requests' })
    .int('rateLimit.max must be a whole number')
    .positive('rateLimit.max must be at least 1 (use rateLimit: false to turn the limit off)')
    .optional(),
  keyGenerator: z
    .custom<NonNullable<RateLimitOptions['keyGenerator']>>((value) => typeof value === 'function', 'rateLimit.keyGenerator must be a function (req) => string')
    .optional(),
});

function unknownRateLimitOption(key: string): string {
  const known = Object.keys(RateLimitSchema.shape);
  const best = known.find((option) => editDistance(key, option) <= 3);
  return `verdict({ rateLimit }) has no option ${JSON.stringify(key)}${best === undefined ? '' : ` (did you mean ${best}?)`}; known: ${known.join(', ')}`;
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
  authorize: z
    .custom<AuthorizeHook>((value) => typeof value === 'function', 'authorize must be a function (req, action, resource) => user | null | false')
    .optional(),
  claimTtlMs: z
    .number({ error: 'claimTtlMs must be a number of milliseconds' })
    .int('claimTtlMs must be a whole number of milliseconds')
    .positive('claimTtlMs must be positive')
    .default(DEFAULT_CLAIM_TTL_MS),
  apps: z
    .record(z.string().min(1), z.custom<PredictFn>((value) => typeof value === 'function', 'each app must be a function (inputs, { signal }) => answer'))
    .default({}),
  scorers: z
    .array(
      z.custom<Scorer>(
        (value) => typeof value === 'object' && value !== null && typeof (value as Scorer).name === 'string' && typeof (value as Scorer).score === 'function',
        "each scorer must be made with scorer(name, fn) from '@verdict/express'",
      ),
    )
    .default([]),
  judge: z
    .strictObject({
      model: z.string({ error: 'judge.model is required: the judge model, e.g. gpt-4.1-mini' }).min(1),
      client: z.custom<NonNullable<JudgeOptions['client']>>((value) => typeof (value as { chat?: unknown } | null)?.chat === 'object', 'judge.client must be an openai client').optional(),
      baseURL: z.url('judge.baseURL must be a URL like http://localhost:11434/v1').optional(),
      apiKey: z.string().optional(),
      timeoutMs: z.number().int().positive('judge.timeoutMs must be positive').optional(),
      maxAttempts: z.number().int().min(1, 'judge.maxAttempts must be at least 1').optional(),
      backoffMs: z.number().min(0).optional(),
      maxConcurrent: z.number().int().min(1, 'judge.maxConcurrent must be at least 1').optional(),
    })
    .optional(),
  redact: z
    .custom<RedactHook>((value) => typeof value === 'function', 'redact must be a function (value, { kind, path, trace_id }) => value, e.g. redactPatterns()')
    .optional(),
  rateLimit: z.unknown().transform((value, context) => {
    if (value === false) return false as const;
    if (value === undefined || value === true) return { ...DEFAULT_RATE_LIMIT };
    if (typeof value !== 'object' || value === null) {
      context.addIssue({ code: 'custom', message: 'rateLimit must be false, true or { windowMs?, max?, keyGenerator? }' });
      return z.NEVER;
    }
    // Parsed on its own (not as a union member) so each mistake gets its own message.
    const parsed = RateLimitSchema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const message = issue.code === 'unrecognized_keys' ? issue.keys.map(unknownRateLimitOption).join('\n') : issue.message;
        context.addIssue({ code: 'custom', message, path: issue.path });
      }
      return z.NEVER;
    }
    return { ...DEFAULT_RATE_LIMIT, ...parsed.data };
  }).optional(),
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
      issue.code !== 'unrecognized_keys'
        ? [issue.message]
        : issue.path.length === 0
          ? issue.keys.map(unknownOptionMessage)
          : issue.keys.map((key) => `verdict({ ${issue.path.join('.')} }) has no option ${JSON.stringify(key)}`),
    );
    throw new VerdictError('INVALID_ARGUMENT', messages.join('\n'), { issues: toIssues(result.error.issues) });
  }
  const { store, feedbackSecret, feedbackTokenTtlMs, bodyLimit, onError, authorize, claimTtlMs, apps, scorers, judge, redact, rateLimit } = result.data;
  return {
    store, feedbackSecret, feedbackTokenTtlMs, bodyLimitBytes: bodyLimit, onError, authorize, claimTtlMs, apps, scorers, judge: judge as JudgeOptions | undefined, redact,
    rateLimit: rateLimit ?? { ...DEFAULT_RATE_LIMIT },
  };
}
