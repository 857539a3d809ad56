import type { SseResponse } from './sse-response';
import { iteratorOf, textOf } from './token-source';

/** What a streamed answer produced so far: kept whole even when the answer stops early. */
export interface StreamRecord {
  text: string;
  /** Number of `token` events sent (chunks with text, not model tokens). */
  tokens: number;
  /** Milliseconds from the start of the request to the first token sent. */
  timeToFirstTokenMs: number | undefined;
}

/** How the token loop ended: the source ran out, or the client went away. */
export type PumpOutcome = 'done' | 'aborted';

const ABORTED = Symbol('aborted');

// A generator that ignores its signal must not keep the trace (and the socket) open for ever.
const STOP_GRACE_MS = 1000;

/**
 * Races work against the client going away. One listener per request and a promise per race,
 * never `Promise.race` against one long-lived abort promise: that would keep a reaction per
 * token alive until the request ends. Work that loses the race may still fail later; its
 * failure goes to a promise already settled, so it is never an unhandled rejection.
 */
function abortRace(signal: AbortSignal) {
  let wake: ((value: typeof ABORTED) => void) | undefined;
  const onAbort = (): void => wake?.(ABORTED);
  signal.addEventListener('abort', onAbort, { once: true });
  return {
    race<T>(work: T | PromiseLike<T>): Promise<T | typeof ABORTED> {
      if (signal.aborted) return Promise.resolve(ABORTED);
      return new Promise((resolve, reject) => {
        wake = resolve;
        Promise.resolve(work).then(resolve, reject);
      });
    },
    dispose: () => signal.removeEventListener('abort', onAbort),
  };
}

/** Asks the source to stop (runs a generator's `finally`, aborts an OpenAI stream), waiting a little. */
async function stopSource(iterator: AsyncIterator<unknown> | Iterator<unknown>): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const stopping = Promise.resolve(iterator.return?.()).catch(() => undefined);
    await Promise.race([stopping, new Promise<void>((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS)))]);
  } catch {
    // return() threw synchronously: the source is as stopped as it will get.
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Calls `produce` and sends each text it yields as a `token` event, one at a time: the next item
 * is pulled only once the previous one is written (or its `drain` came), so a slow reader holds
 * the producer back rather than filling memory. An abort stops waiting at once and stops the
 * source; errors of the source reach the caller, after which the source is stopped too.
 * @example const outcome = await pumpTokens(() => fn(context), sse, signal, record, performance.now())
 */
export async function pumpTokens(
  produce: () => unknown,
  sse: SseResponse,
  signal: AbortSignal,
  record: StreamRecord,
  startedAt: number,
): Promise<PumpOutcome> {
  if (signal.aborted) return 'aborted';
  const abort = abortRace(signal);
  let iterator: AsyncIterator<unknown> | Iterator<unknown> | undefined;
  let finished = false;
  try {
    const produced = produce();
    const source = await abort.race(produced);
    if (source === ABORTED) {
      // Resolved too late to be read: close what it made so an LLM call does not run on unread.
      Promise.resolve(produced).then((late) => stopSource(iteratorOf(late)), () => undefined).catch(() => undefined);
      return 'aborted';
    }
    iterator = iteratorOf(source);
    for (;;) {
      const next = await abort.race(iterator.next());
      if (next === ABORTED) return 'aborted';
      if (next.done === true) {
        finished = true;
        return 'done';
      }
      const text = textOf(next.value);
      if (text === '') continue;
      record.text += text;
      record.tokens += 1;
      record.timeToFirstTokenMs ??= performance.now() - startedAt;
      const drained = sse.send({ type: 'token', content: text });
      if (drained !== undefined) await drained;
      if (signal.aborted) return 'aborted';
    }
  } finally {
    abort.dispose();
    // Also after the source threw: return() on a finished generator is harmless.
    if (!finished && iterator !== undefined) await stopSource(iterator);
  }
}
