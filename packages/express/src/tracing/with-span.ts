import { context, trace } from '@opentelemetry/api';
import type { Context } from '@opentelemetry/api';
import { serializeValue } from './json-safe';
import { openSpanFrom } from './verdict-span';
import type { SpanOptions, VerdictSpan, VerdictSpanHandle } from './verdict-span';

/** What a span records for a value it cannot read yet (streams are a later issue). */
export const STREAM_OUTPUT = '[stream]';

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

/** Async iterables (async generators, Node and web streams) and generators: lazily produced. */
export function isStream(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Symbol.asyncIterator in value) return true;
  return Symbol.iterator in value && typeof (value as { next?: unknown }).next === 'function';
}

function succeed(span: VerdictSpanHandle, value: unknown, recordOutputs: boolean): void {
  if (recordOutputs && !span.outputsSet && value !== undefined) {
    span.setOutputs(isStream(value) ? STREAM_OUTPUT : value);
  }
  if (!span.statusSet) span.setStatus('OK');
  span.end();
}

function fail(span: VerdictSpanHandle, error: unknown): void {
  span.recordException(error);
  span.setStatus('ERROR', error instanceof Error ? error.message : typeof error === 'string' ? error : serializeValue(error));
  span.end();
}

/**
 * Calls `fn` with `span` active, then ends the span: when `fn` returns, or when the promise it
 * returned settles. The result (or error) reaches the caller unchanged; an error is recorded as an
 * `exception` event with status ERROR. Outputs are recorded unless already set on the span.
 */
export function runInSpan<Args extends unknown[], Result>(
  span: VerdictSpanHandle,
  parentContext: Context,
  fn: (...args: Args) => Result,
  thisArg: unknown,
  args: Args,
  recordOutputs: boolean,
): Result {
  let result: Result;
  try {
    result = context.with(trace.setSpan(parentContext, span.otel), fn, thisArg, ...args);
  } catch (error) {
    fail(span, error);
    throw error;
  }
  if (!isPromiseLike(result)) {
    succeed(span, result, recordOutputs);
    return result;
  }
  return result.then(
    (value) => {
      succeed(span, value, recordOutputs);
      return value;
    },
    (error: unknown) => {
      fail(span, error);
      throw error;
    },
  ) as Result;
}

/**
 * Runs `fn` inside a new active span and returns what it returns (a value or a promise). The span
 * ends when `fn` returns or its promise settles; an error is recorded (`exception` event, status
 * ERROR) and re-thrown unchanged. The result becomes the span's outputs unless `fn` called
 * `span.setOutputs()`. Spans started inside — Verdict's or any OpenTelemetry library's — nest
 * under it. Outside a Verdict trace it starts one.
 * @example
 * const docs = await withSpan({ name: 'retrieve', spanType: 'RETRIEVER', inputs: { query } }, async (span) => {
 *   span.setAttributes({ index: 'faq' });
 *   return search(query);
 * });
 */
export function withSpan<Result>(options: SpanOptions, fn: (span: VerdictSpan) => Result): Result {
  const parentContext = context.active();
  const span = openSpanFrom(options, parentContext);
  return runInSpan(span, parentContext, fn, undefined, [span], true);
}
