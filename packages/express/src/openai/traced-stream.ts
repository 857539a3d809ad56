import type { VerdictSpan } from '../tracing';
import { RESPONSE_MODEL_KEY, TOKEN_USAGE_KEY } from './openai-results';
import type { StreamAccumulator } from './openai-results';

/** Attribute set on a streamed call's span when its reader stopped (or aborted) before the end. */
export const STREAM_ABORTED_KEY = 'verdict.stream.aborted';

type Outcome = { kind: 'done' } | { kind: 'aborted' } | { kind: 'error'; error: unknown };

/** The parts of the SDK's `Stream` this reads; anything async-iterable works. */
interface StreamLike {
  controller?: { signal?: AbortSignal };
  iterator?: () => AsyncIterator<unknown>;
  [Symbol.asyncIterator](): AsyncIterator<unknown>;
}

/** Ends `span` once with what the accumulator gathered: outputs, usage and how the stream ended. */
export function endStreamSpan(span: VerdictSpan, accumulator: StreamAccumulator, outcome: Outcome): void {
  span.setOutputs(accumulator.outputs());
  const usage = accumulator.usage();
  const model = accumulator.model();
  span.setAttributes({
    ...(usage === undefined ? {} : { [TOKEN_USAGE_KEY]: usage }),
    ...(model === undefined ? {} : { [RESPONSE_MODEL_KEY]: model }),
    ...(outcome.kind === 'aborted' ? { [STREAM_ABORTED_KEY]: true } : {}),
  });
  if (outcome.kind === 'error') {
    span.recordException(outcome.error);
    span.setStatus('ERROR', outcome.error instanceof Error ? outcome.error.message : String(outcome.error));
  } else {
    span.setStatus('OK');
  }
  span.end();
}

/**
 * Makes a streamed call's span follow the stream: every chunk read is gathered, and the span
 * ends when the stream is read to the end, fails, is left early (`break`, `return()`), or its
 * `controller` aborts — even if it was never read. The SDK's `Stream` is patched in place, so
 * `controller`, `toReadableStream()` and `tee()` keep working and go through the same gathering.
 * @example traceStream(await original(params), span, choicesAccumulator())
 */
export function traceStream(stream: unknown, span: VerdictSpan, accumulator: StreamAccumulator): void {
  const target = stream as StreamLike;
  let ended = false;
  const finish = (outcome: Outcome): void => {
    if (ended) return;
    ended = true;
    endStreamSpan(span, accumulator, outcome);
  };
  const signal = target.controller?.signal;
  // While a read is pending its own outcome decides: the SDK aborts its controller on the way
  // out of a failed read too, and that failure must not be recorded as a mere abort.
  let reading = false;
  signal?.addEventListener('abort', () => reading || finish({ kind: 'aborted' }), { once: true });

  const wrap = (inner: AsyncIterator<unknown>): AsyncIterableIterator<unknown> => ({
    async next() {
      reading = true;
      try {
        const result = await inner.next();
        if (result.done === true) finish(signal?.aborted === true ? { kind: 'aborted' } : { kind: 'done' });
        else accumulator.add(result.value);
        return result;
      } catch (error) {
        finish({ kind: 'error', error });
        throw error;
      } finally {
        reading = false;
      }
    },
    async return(value?: unknown) {
      finish({ kind: 'aborted' });
      return inner.return ? inner.return(value) : { done: true, value };
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  });

  // The SDK's Stream reads every path (for await, tee, toReadableStream) through its `iterator`
  // function; other async iterables are patched at Symbol.asyncIterator.
  if (typeof target.iterator === 'function') {
    const original = target.iterator;
    target.iterator = () => wrap(original.call(target));
  } else {
    const original = target[Symbol.asyncIterator];
    Object.defineProperty(target, Symbol.asyncIterator, { value: () => wrap(original.call(target)), configurable: true, writable: true });
  }
}
