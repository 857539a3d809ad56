import type { JudgeUsage } from '@verdict/core';
import type OpenAI from 'openai';
import * as z from 'zod';
import { createAdaptiveThrottle } from './adaptive-throttle';
import type { AdaptiveThrottle } from './adaptive-throttle';

/** The part of an `openai` client a judge uses (any OpenAI-compatible server will do). */
export type JudgeClient = Pick<OpenAI, 'chat'>;

/** Which LLM judges, and how patiently. */
export interface JudgeOptions {
  /** An `openai` client; else one is made from `baseURL` and `apiKey`. */
  client?: JudgeClient;
  /** An OpenAI-compatible endpoint, e.g. `http://localhost:11434/v1`. @default the openai client's own default */
  baseURL?: string;
  /** @default process.env.OPENAI_API_KEY */
  apiKey?: string;
  /** The judge model, e.g. `'gpt-4.1-mini'`. */
  model: string;
  /** Per-call timeout. @default 30_000 */
  timeoutMs?: number;
  /** Tries per judgement (timeouts, 429, 5xx, malformed output). @default 4 */
  maxAttempts?: number;
  /** First backoff; doubled per retry, with jitter. @default 500 */
  backoffMs?: number;
  /** Judge calls running at once, per evaluation run. @default 8 */
  maxConcurrent?: number;
}

/** One question to the judge: prompts and the zod schema of the expected `{ rationale, value }` answer. */
export interface JudgeRequest<T> {
  /** Names the structured-output schema (letters, digits, `_`). */
  name: string;
  system: string;
  user: string;
  schema: z.ZodType<T>;
}

/** The judge's answer, or why there is none. */
export type JudgeAnswer<T> = { ok: true; value: T } | { ok: false; error: { error_code: string; error_message: string } };

/** A run's judge: the configured client behind the run's throttle, summing token usage. */
export interface JudgeRuntime {
  readonly model: string;
  ask<T>(request: JudgeRequest<T>, signal: AbortSignal): Promise<JudgeAnswer<T>>;
  /** Tokens used so far by this run's judge calls (retries included). */
  readonly usage: JudgeUsage;
  readonly throttle: AdaptiveThrottle;
}

const clients = new WeakMap<JudgeOptions, Promise<JudgeClient>>();

/** The client of a judge configuration, made once; `openai` is loaded only when a judge is used (it is an optional peer). */
function clientOf(options: JudgeOptions): Promise<JudgeClient> {
  if (options.client !== undefined) return Promise.resolve(options.client);
  let client = clients.get(options);
  if (client === undefined) {
    client = import('openai').then(
      ({ default: OpenAIClient }) =>
        new OpenAIClient({
          ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
          apiKey: options.apiKey ?? process.env.OPENAI_API_KEY ?? 'not-set',
          maxRetries: 0,
        }),
    );
    clients.set(options, client);
  }
  return client;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** How long a 429 asks us to wait, from `retry-after-ms` or `retry-after` (seconds). */
function retryAfterMs(error: unknown): number | undefined {
  const headers = (error as { headers?: { get?: (name: string) => string | null } }).headers;
  if (typeof headers?.get !== 'function') return undefined;
  const ms = Number(headers.get('retry-after-ms'));
  if (Number.isFinite(ms) && ms > 0) return ms;
  const seconds = Number(headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
}

type Failure = { retry: boolean; rateLimited: boolean; code: string; message: string };

function classify(error: unknown): Failure {
  const status = (error as { status?: unknown }).status;
  const message = error instanceof Error ? error.message : String(error);
  if (status === 429) return { retry: true, rateLimited: true, code: 'RATE_LIMITED', message };
  // Matched by class name: `openai` is an optional peer, so its classes are not imported here.
  if (error instanceof Error && (error.constructor.name === 'APIConnectionTimeoutError' || error.name === 'TimeoutError')) {
    return { retry: true, rateLimited: false, code: 'TIMEOUT', message };
  }
  if (typeof status !== 'number') return { retry: true, rateLimited: false, code: 'UNAVAILABLE', message };
  if (status >= 500 || status === 408) return { retry: true, rateLimited: false, code: 'JUDGE_ERROR', message: `${status}: ${message}` };
  return { retry: false, rateLimited: false, code: 'JUDGE_ERROR', message: `${status}: ${message}` };
}

function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...jsonSchema } = z.toJSONSchema(schema) as Record<string, unknown>;
  return jsonSchema;
}

/**
 * A judge for one run: a throttle of its own (`maxConcurrent`, adaptive rate), retries with
 * backoff on timeouts, 429, 5xx, lost connections and malformed output, and a usage sum. It never
 * throws: a judgement that still fails is an answer with `error_code` (`RATE_LIMITED`, `TIMEOUT`,
 * `MALFORMED_OUTPUT`, `UNAVAILABLE`, `JUDGE_ERROR`, `CANCELLED`) and a message.
 * @example const judge = createJudgeRuntime({ baseURL, apiKey, model: 'gpt-4.1-mini' }); const answer = await judge.ask(request, signal);
 */
export function createJudgeRuntime(options: JudgeOptions): JudgeRuntime {
  const throttle = createAdaptiveThrottle({ maxConcurrent: options.maxConcurrent ?? 8 });
  const usage: JudgeUsage = { judge_prompt_tokens: 0, judge_completion_tokens: 0 };
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const backoffMs = options.backoffMs ?? 500;
  const timeoutMs = options.timeoutMs ?? 30_000;

  async function ask<T>(request: JudgeRequest<T>, signal: AbortSignal): Promise<JudgeAnswer<T>> {
    const client = await clientOf(options);
    const responseFormat = { type: 'json_schema' as const, json_schema: { name: request.name, strict: true, schema: jsonSchemaOf(request.schema) } };
    let last: Failure = { retry: false, rateLimited: false, code: 'JUDGE_ERROR', message: 'no attempt was made' };
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      if (signal.aborted) return { ok: false, error: { error_code: 'CANCELLED', error_message: 'the evaluation was cancelled' } };
      let waitMs = backoffMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
      try {
        const completion = await throttle.run(() =>
          client.chat.completions.create(
            {
              model: options.model,
              temperature: 0,
              messages: [
                { role: 'system', content: request.system },
                { role: 'user', content: request.user },
              ],
              response_format: responseFormat,
            },
            { signal, timeout: timeoutMs, maxRetries: 0 },
          ),
        );
        usage.judge_prompt_tokens += completion.usage?.prompt_tokens ?? 0;
        usage.judge_completion_tokens += completion.usage?.completion_tokens ?? 0;
        throttle.succeeded();
        const content = completion.choices[0]?.message.content ?? '';
        let json: unknown;
        try {
          json = JSON.parse(content);
        } catch {
          last = { retry: true, rateLimited: false, code: 'MALFORMED_OUTPUT', message: `the judge answered text that is not JSON: ${content.slice(0, 200)}` };
        }
        if (json !== undefined) {
          const parsed = request.schema.safeParse(json);
          if (parsed.success) return { ok: true, value: parsed.data };
          last = { retry: true, rateLimited: false, code: 'MALFORMED_OUTPUT', message: `the judge's answer does not match its schema: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}` };
        }
      } catch (error) {
        if (signal.aborted) return { ok: false, error: { error_code: 'CANCELLED', error_message: 'the evaluation was cancelled' } };
        last = classify(error);
        if (last.rateLimited) {
          throttle.rateLimited();
          waitMs = Math.max(waitMs, retryAfterMs(error) ?? 0);
        }
        if (!last.retry) break;
      }
      if (attempt < maxAttempts) await abortableSleep(waitMs, signal);
    }
    const tries = last.retry ? ` (after ${maxAttempts} attempts)` : '';
    return { ok: false, error: { error_code: last.code, error_message: last.message + tries } };
  }

  return { model: options.model, ask, usage, throttle };
}
