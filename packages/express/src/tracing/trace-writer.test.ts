import { VerdictError, memoryStore } from '@verdict/core';
import type { Store, Trace } from '@verdict/core';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createTraceWriter, lastTraceId, runWithTraceWriter, startSpan, trace } from './index';
import { sleep } from './test-support';

/** A memoryStore whose puts take `delayMs` — or fail, while `failing` is set. */
function slowStore(delayMs: number) {
  const inner = memoryStore();
  const state = { failing: undefined as unknown, puts: 0, finished: 0 };
  const store: Store = {
    ...inner,
    traces: {
      ...inner.traces,
      async put(input: Trace) {
        state.puts += 1;
        await sleep(delayMs);
        if (state.failing !== undefined) throw state.failing;
        await inner.traces.put(input);
        state.finished += 1;
      },
    },
  };
  return { store, state };
}

const answer = trace(async function answer(message: string) {
  return { response: message };
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('createTraceWriter()', () => {
  test('the traced call returns before a slow write finishes; whenWritten waits for it', async () => {
    const { store, state } = slowStore(40);
    const writer = createTraceWriter(store);
    const started = performance.now();
    await runWithTraceWriter(writer, () => answer('hi'));
    expect(performance.now() - started).toBeLessThan(30);
    expect(state.finished).toBe(0);
    const traceId = lastTraceId() as string;
    await writer.whenWritten(traceId);
    expect(state.finished).toBe(1);
    expect(await store.traces.get(traceId)).not.toBeNull();
    // Nothing pending any more: resolves at once, as for an id never written.
    await writer.whenWritten(traceId);
    await writer.whenWritten('tr-00000000000000000000000000000000');
  });

  test('flush waits for every pending write', async () => {
    const { store, state } = slowStore(20);
    const writer = createTraceWriter(store);
    await runWithTraceWriter(writer, () => Promise.all([answer('a'), answer('b'), answer('c')]));
    expect(state.finished).toBe(0);
    await writer.flush();
    expect(state.finished).toBe(3);
    expect((await store.traces.search({})).traces).toHaveLength(3);
  });

  test('store failures go to onError, never to the caller nor as unhandled rejections', async () => {
    const { store, state } = slowStore(1);
    state.failing = new VerdictError('UNAVAILABLE', 'store is down');
    const onError = vi.fn();
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const writer = createTraceWriter(store, { onError });
      await expect(runWithTraceWriter(writer, () => answer('x'))).resolves.toEqual({ response: 'x' });
      await writer.whenWritten(lastTraceId() as string);
      await writer.flush();
      await sleep(5);
      expect(onError).toHaveBeenCalledTimes(1);
      expect(onError.mock.calls[0]?.[0]).toBe(state.failing);
      expect((onError.mock.calls[0]?.[1] as Trace).info.trace_id).toBe(lastTraceId());
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });

  test('by default logs each kind of failure once, and survives a throwing onError', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { store, state } = slowStore(1);
    const writer = createTraceWriter(store);
    state.failing = new VerdictError('UNAVAILABLE', 'down');
    await runWithTraceWriter(writer, () => Promise.all([answer('1'), answer('2')]));
    await writer.flush();
    state.failing = new TypeError('bug in store');
    await runWithTraceWriter(writer, () => answer('3'));
    await writer.flush();
    expect(error).toHaveBeenCalledTimes(2);
    expect(String(error.mock.calls[0]?.[0])).toContain('UNAVAILABLE');
    expect(String(error.mock.calls[1]?.[0])).toContain('TypeError');

    const throwing = createTraceWriter(store, {
      onError: () => {
        throw new Error('hook broke');
      },
    });
    await runWithTraceWriter(throwing, () => answer('4'));
    await throwing.flush();
    expect(String(error.mock.calls[2]?.[0])).toContain('onError hook threw');
  });

  test('a synchronously throwing store is reported too', async () => {
    const onError = vi.fn();
    const inner = memoryStore();
    const store: Store = {
      ...inner,
      traces: {
        ...inner.traces,
        put: () => {
          throw new Error('sync failure');
        },
      },
    };
    const writer = createTraceWriter(store, { onError });
    await runWithTraceWriter(writer, () => answer('s'));
    await writer.flush();
    expect(onError).toHaveBeenCalledOnce();
  });

  test('traces made with no writer in context get ids but are not stored', async () => {
    const { store, state } = slowStore(1);
    createTraceWriter(store);
    await answer('nowhere');
    expect(lastTraceId()).toMatch(/^tr-[0-9a-f]{32}$/);
    await sleep(5);
    expect(state.puts).toBe(0);
  });

  test('whenWritten waits for a trace of this writer still being recorded, and only this one', async () => {
    const { store } = slowStore(10);
    const writer = createTraceWriter(store);
    const other = createTraceWriter(memoryStore());
    const root = runWithTraceWriter(writer, () => startSpan({ name: 'stream' }));
    let written = false;
    const waiting = writer.whenWritten(root.traceId).then(() => (written = true));
    // Another writer has nothing pending for this id: it does not wait for a trace it will never get.
    await other.whenWritten(root.traceId);
    await sleep(20);
    expect(written).toBe(false);
    root.end();
    await waiting;
    expect(await store.traces.get(root.traceId)).not.toBeNull();
  });
});
