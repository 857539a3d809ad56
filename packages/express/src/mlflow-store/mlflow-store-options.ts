import { parseOrThrow } from '@verdict/core';
import * as z from 'zod';

const fn = <T>(name: string) => z.custom<T>((value) => typeof value === 'function', `${name} must be a function`);

/** Options of {@link mlflowStore}. Give `experimentId` or `experimentName` (created if missing). */
export const MlflowStoreOptionsSchema = z
  .strictObject({
    /** The tracking server, e.g. `http://127.0.0.1:5000`; `user:pass@` in it becomes basic auth. */
    trackingUri: z.url({ protocol: /^https?$/, error: 'trackingUri must be an http(s) URL' }),
    experimentId: z.string().regex(/^\d+$/, 'experimentId is MLflow\'s numeric id, as a string').optional(),
    experimentName: z.string().min(1).optional(),
    /** Sent as `Authorization: Bearer …` (MLflow's MLFLOW_TRACKING_TOKEN). */
    token: z.string().min(1).optional(),
    /** Basic auth, for servers run with MLflow's basic-auth app. */
    username: z.string().min(1).optional(),
    password: z.string().optional(),
    /** Extra headers on every request (e.g. `X-MLFLOW-WORKSPACE`). */
    headers: z.record(z.string(), z.string()).optional(),
    /** Timeout of one attempt of one request. @default 10000 */
    timeoutMs: z.number().int().positive().default(10_000),
    /** Retries of a failing request (429, 5xx, network), first attempt included. @default 4 */
    attempts: z.number().int().min(1).max(20).default(4),
    /** First backoff delay, doubled per retry, with full jitter. @default 100 */
    retryBaseDelayMs: z.number().int().min(0).default(100),
    /** Longest backoff delay. @default 5000 */
    retryMaxDelayMs: z.number().int().min(0).default(5_000),
    /**
     * A directory for the durable outbox: with it, writes made while MLflow is unreachable are
     * fsync'd there and replayed in order when it returns. Without it, such writes fail with 503.
     */
    outboxDir: z.string().min(1).optional(),
    /** Most bytes the outbox holds before writes fail with 503. @default 67108864 (64 MiB) */
    outboxMaxBytes: z.number().int().positive().default(64 * 1024 * 1024),
    /** Most pending writes the outbox holds. @default 100000 */
    outboxMaxRecords: z.number().int().positive().default(100_000),
    /** Pause between replay attempts while MLflow stays down. @default 1000 */
    replayIntervalMs: z.number().int().positive().default(1_000),
    /** Where the one-time capability line and warnings go. @default console.info / console.warn */
    onLog: fn<(level: 'info' | 'warn', message: string) => void>('onLog').optional(),
    /** The fetch to use (tests, proxies). @default globalThis.fetch */
    fetch: fn<typeof fetch>('fetch').optional(),
  })
  .refine((options) => (options.experimentId === undefined) !== (options.experimentName === undefined), {
    message: 'give exactly one of experimentId and experimentName',
    path: ['experimentId'],
  })
  .refine((options) => options.token === undefined || options.username === undefined, {
    message: 'give a token or a username/password, not both',
    path: ['token'],
  });

/** What {@link mlflowStore} takes. */
export type MlflowStoreOptions = z.input<typeof MlflowStoreOptionsSchema>;
/** The options with defaults filled in. */
export type ParsedMlflowStoreOptions = z.output<typeof MlflowStoreOptionsSchema>;

/**
 * Parses the options once, so a typo fails fast with an `INVALID_ARGUMENT` naming it.
 * @example parseMlflowStoreOptions({ trackingUri: 'http://127.0.0.1:5000', experimentName: 'chat' }).timeoutMs // 10000
 */
export function parseMlflowStoreOptions(options: MlflowStoreOptions): ParsedMlflowStoreOptions {
  return parseOrThrow(MlflowStoreOptionsSchema, options, 'mlflowStore options');
}
