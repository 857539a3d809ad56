import { context, trace } from '@opentelemetry/api';
import { traceIdFromOtel } from '@verdict/core';
import { traceCollector } from './setup';

/** What {@link updateCurrentTrace} can set on the trace being recorded (MLflow's names). */
export interface TraceUpdate {
  /** Merged into the trace's `tags`; values are stored as strings. */
  tags?: Readonly<Record<string, string>>;
  /** Merged into the trace's `trace_metadata`; values are stored as strings. */
  metadata?: Readonly<Record<string, string>>;
  /** The host's own id for the request, to find the trace again later. */
  client_request_id?: string;
}

let warnedOutside = false;

function activeOtelTraceId(): string | undefined {
  const id = trace.getSpan(context.active())?.spanContext().traceId;
  return id !== undefined && traceCollector().isOpen(id) ? id : undefined;
}

function asStrings(values: Readonly<Record<string, unknown>> | undefined): Record<string, string> | undefined {
  if (values === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const key of Object.keys(values)) out[key] = String(values[key]);
  return out;
}

/**
 * The Verdict trace id of the active span, or undefined outside a Verdict trace. Use it inside a
 * traced handler to return `trace_id` with the answer.
 * @example const traceId = currentTraceId(); // 'tr-4bf92f3577b34da6a3ce929d0e0e4736'
 */
export function currentTraceId(): string | undefined {
  const id = activeOtelTraceId();
  return id === undefined ? undefined : traceIdFromOtel(id);
}

/**
 * The id of the root trace that most recently ended in this process, like MLflow's
 * `get_last_active_trace_id()`. Handy in scripts and tests; in a server answering concurrent
 * requests it may be another request's trace, so use {@link currentTraceId} there.
 * @example await answer('hi'); const traceId = lastTraceId();
 */
export function lastTraceId(): string | undefined {
  return traceCollector().lastTraceId;
}

/**
 * Merges tags, metadata and a client request id into the trace being recorded. Outside a Verdict
 * trace it does nothing and warns once per process: tracing must not break the code it observes,
 * and a thrown error here would turn a missing wrapper into a failed request.
 * @example updateCurrentTrace({ tags: { model: 'gpt-4o' }, client_request_id: req.get('x-request-id') });
 */
export function updateCurrentTrace(update: TraceUpdate): void {
  const id = activeOtelTraceId();
  const applied =
    id !== undefined &&
    traceCollector().update(id, {
      tags: asStrings(update.tags),
      metadata: asStrings(update.metadata),
      clientRequestId: update.client_request_id,
    });
  if (applied || warnedOutside) return;
  warnedOutside = true;
  console.warn('[verdict] updateCurrentTrace() was called outside a Verdict trace and did nothing (warned once).');
}
