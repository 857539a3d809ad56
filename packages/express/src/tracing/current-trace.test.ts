import { afterEach, describe, expect, test, vi } from 'vitest';
import { currentTraceId, lastTraceId, trace, updateCurrentTrace, withSpan } from './index';
import { captureTraces, sleep } from './test-support';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('currentTraceId() and lastTraceId()', () => {
  test('currentTraceId is the active trace inside, undefined outside', async () => {
    const capture = captureTraces();
    expect(currentTraceId()).toBeUndefined();
    let inside: string | undefined;
    let nested: string | undefined;
    await capture.run(() =>
      withSpan({ name: 'root' }, async (span) => {
        inside = currentTraceId();
        await sleep(1);
        nested = withSpan({ name: 'child' }, () => currentTraceId());
        expect(inside).toBe(span.traceId);
      }),
    );
    expect(inside).toMatch(/^tr-[0-9a-f]{32}$/);
    expect(nested).toBe(inside);
    expect(currentTraceId()).toBeUndefined();
    expect(lastTraceId()).toBe(inside);
  });

  test('lastTraceId is the root that ended last, not the one that started last', async () => {
    const slow = trace(async function slow() {
      await sleep(20);
      return currentTraceId();
    });
    const fast = trace(async function fast() {
      await sleep(1);
      return currentTraceId();
    });
    const slowRun = slow();
    const fastId = await fast();
    expect(lastTraceId()).toBe(fastId);
    const slowId = await slowRun;
    expect(lastTraceId()).toBe(slowId);
  });
});

describe('updateCurrentTrace()', () => {
  test('merges tags, metadata and client_request_id into the stored trace info', async () => {
    const capture = captureTraces();
    const answer = trace(async function answer(message: string) {
      updateCurrentTrace({ tags: { model: 'small', env: 'test' }, client_request_id: 'req-1' });
      await withSpan({ name: 'child' }, async () => {
        await sleep(1);
        updateCurrentTrace({ tags: { model: 'large' }, metadata: { user: 'u-7' } });
      });
      return { response: message };
    });
    await capture.run(() => answer('hello'));
    const stored = await capture.last();
    expect(stored.info.tags).toEqual({ model: 'large', env: 'test' });
    expect(stored.info.trace_metadata).toEqual({ user: 'u-7' });
    expect(stored.info.client_request_id).toBe('req-1');
  });

  test('coerces non-string values to strings', async () => {
    const capture = captureTraces();
    capture.run(() =>
      withSpan({ name: 'root' }, () => updateCurrentTrace({ tags: { attempt: 2 as unknown as string } })),
    );
    expect((await capture.last()).info.tags).toEqual({ attempt: '2' });
  });

  test('outside a trace it does nothing and warns once', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(() => updateCurrentTrace({ tags: { a: 'b' } })).not.toThrow();
    updateCurrentTrace({ tags: { a: 'c' } });
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]?.[0])).toContain('outside a Verdict trace');
  });
});
