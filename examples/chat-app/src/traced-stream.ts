import { withSpan } from '@verdict/express';
import type { SpanOptions } from '@verdict/express';

type Pull = { resolve: (result: IteratorResult<string, undefined>) => void; reject: (error: unknown) => void };

/**
 * Runs a token stream as one span that lasts as long as the stream: the span is the active one
 * while the source is read (so an instrumented OpenAI call nests under it), its outputs are the
 * text produced, and a stop is recorded as `verdict.stream.aborted`. Tokens pass one at a time,
 * on demand: the source is read only when the consumer asks, so a slow client still holds back
 * the model.
 * @example yield* tracedStream({ name: 'generate', spanType: 'CHAT_MODEL', inputs: { messages } }, () => model.stream(messages, signal), signal)
 */
export async function* tracedStream(options: SpanOptions, produce: () => AsyncIterable<string>, signal?: AbortSignal): AsyncGenerator<string, void, undefined> {
  let pending: Pull | undefined;
  let wakeProducer: (() => void) | undefined;
  let stopped = false;

  // The producer waits here for the consumer's next pull, or learns that the consumer has gone.
  function nextPull(): Promise<Pull | undefined> {
    return new Promise((resolve) => {
      const hand = (): void => {
        wakeProducer = undefined;
        const pull = pending;
        pending = undefined;
        resolve(stopped ? undefined : pull);
      };
      if (stopped || pending !== undefined) hand();
      else wakeProducer = hand;
    });
  }

  // withSpan rather than a span started by hand: only the active span gets the model's own spans as children.
  const producing = withSpan(options, async (span) => {
    let text = '';
    let iterator: AsyncIterator<string> | undefined;
    try {
      for (;;) {
        const pull = await nextPull();
        if (pull === undefined) {
          // A stop is not a failure of the step, whatever the source does while closing.
          await Promise.resolve(iterator?.return?.()).catch(() => undefined);
          return;
        }
        let next: IteratorResult<string>;
        try {
          // Created on the first pull, inside the span, so even a source that throws at once is delivered.
          iterator ??= produce()[Symbol.asyncIterator]();
          next = await iterator.next();
        } catch (error) {
          pull.reject(error);
          throw error;
        }
        if (next.done === true) return pull.resolve({ done: true, value: undefined });
        text += next.value;
        pull.resolve({ done: false, value: next.value });
      }
    } finally {
      span.setOutputs(text);
      if (stopped || signal?.aborted === true) span.setAttributes({ 'verdict.stream.aborted': true });
    }
  });
  // Its failure is delivered to the pull that caused it; this copy must not go unhandled.
  producing.catch(() => undefined);

  let finished = false;
  try {
    for (;;) {
      const result = await new Promise<IteratorResult<string, undefined>>((resolve, reject) => {
        pending = { resolve, reject };
        wakeProducer?.();
      });
      if (result.done === true) {
        finished = true;
        return;
      }
      yield result.value;
    }
  } finally {
    if (!finished) {
      stopped = true;
      wakeProducer?.();
    }
    // The span must end before the trace does, so a stop waits for the producer to wind down.
    await producing.catch(() => undefined);
  }
}
