import { ROOT_CONTEXT, context } from '@opentelemetry/api';
import { VerdictError } from '@verdict/core';
import type { JsonObject, JsonValue, Store, Trace } from '@verdict/core';
import { runWithTraceWriter, updateCurrentTrace, withSpan } from '../tracing';
import type { TraceWriter } from '../tracing';
import { toJsonValue } from '../tracing/json-safe';

/** The app a `verdict({ apps })` entry names: called with a row's inputs inside a trace of its own. */
export type PredictFn = (inputs: JsonObject, context: { signal: AbortSignal }) => unknown;

/** Where {@link runAppInTrace} writes the trace and what it marks it with. */
export interface RunAppOptions {
  store: Store;
  writer: TraceWriter;
  signal: AbortSignal;
  /** Tags of the new trace (e.g. the evaluation run, or the labeling copy tag). */
  tags: Record<string, string>;
  /** Metadata of the new trace. @default none */
  metadata?: Record<string, string>;
  /** The root span's name. @default 'predict' */
  spanName?: string;
}

/** What one app call left: its stored trace, its answer, and what it threw, if it did. */
export interface AppRunResult {
  /** The stored trace (state ERROR when the app threw); undefined only when its write failed. */
  trace: Trace | undefined;
  /** The root span's outputs as stored, or the answer made JSON-safe when no trace was stored. */
  outputs: JsonValue | undefined;
  /** What the app threw; absent when it answered. */
  failure?: unknown;
}

/**
 * Calls `app` with `inputs` inside a new root trace (a `CHAIN` span whose inputs are `inputs`)
 * written by `writer`, tagged with `tags`, and reads the trace back once stored. The app throwing
 * is not an error here: the trace ends ERROR and the throw is returned as `failure`. Used by
 * evaluation runs and by labeling sessions with an `agent`.
 * @example const { trace, failure } = await runAppInTrace(apps.support, { question: 'Hi?' }, { store, writer, signal, tags: { run: 'r1' } })
 */
export async function runAppInTrace(app: PredictFn, inputs: JsonObject, options: RunAppOptions): Promise<AppRunResult> {
  let traceId: string | undefined;
  let failure: unknown;
  let returned: unknown;
  // From the root context: a call made while a traced request is handled must not nest in its trace.
  await context.with(ROOT_CONTEXT, () =>
    runWithTraceWriter(options.writer, () =>
      withSpan({ name: options.spanName ?? 'predict', spanType: 'CHAIN', inputs }, async (span) => {
        traceId = span.traceId;
        updateCurrentTrace({ tags: options.tags, ...(options.metadata === undefined ? {} : { metadata: options.metadata }) });
        returned = await app(inputs, { signal: options.signal });
        return returned;
      }).catch((error: unknown) => {
        failure = error;
      }),
    ),
  );
  let trace: Trace | undefined;
  if (traceId !== undefined) {
    await options.writer.whenWritten(traceId);
    trace = (await options.store.traces.get(traceId)) ?? undefined;
  }
  // The root span's outputs are the answer as the trace stored it; without a stored trace (a failed
  // write), the answer made JSON-safe the same way.
  const outputs = trace === undefined ? toJsonValue(returned) : trace.data.spans.find((span) => span.parent_span_id === null)?.outputs;
  return { trace, outputs, ...(failure === undefined ? {} : { failure }) };
}

/**
 * The app `name` among `verdict({ apps })`, or an INVALID_ARGUMENT error (400) at `path` naming the
 * known apps (or how to register one when there are none).
 * @example const app = findApp(apps, body.app, ['app'])
 */
export function findApp(apps: Readonly<Record<string, PredictFn>>, name: string, path: string[]): PredictFn {
  const app = Object.hasOwn(apps, name) ? apps[name] : undefined;
  if (app !== undefined) return app;
  const known = Object.keys(apps);
  const message = `unknown app ${JSON.stringify(name)}; ${known.length === 0 ? 'register apps with verdict({ apps: { name: fn } })' : `known apps: ${known.join(', ')}`}`;
  throw new VerdictError('INVALID_ARGUMENT', message, { issues: [{ code: 'custom', path, message }] });
}
