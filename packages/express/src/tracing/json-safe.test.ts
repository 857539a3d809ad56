import { describe, expect, test } from 'vitest';
import { trace } from './index';
import { MAX_VALUE_CHARS, serializeValue, toJsonValue } from './json-safe';
import { captureTraces, spanNamed } from './test-support';

describe('serializeValue()', () => {
  test('plain JSON goes through unchanged', () => {
    const value = { a: [1, 'two', true, null, { b: 2.5 }], when: new Date(0), nested: { deep: { ok: 'yes' } } };
    expect(serializeValue(value)).toBe(JSON.stringify(value));
    expect(serializeValue('text')).toBe('"text"');
    expect(serializeValue({ skipped: undefined, kept: 1 })).toBe('{"kept":1}');
  });

  test('circular references become "[Circular]", shared ones are kept', () => {
    const shared = { s: 1 };
    const value: Record<string, unknown> = { name: 'loop', left: shared, right: shared };
    value['self'] = value;
    expect(JSON.parse(serializeValue(value))).toEqual({ name: 'loop', left: { s: 1 }, right: { s: 1 }, self: '[Circular]' });
  });

  test('BigInt, Errors, Maps, Sets, functions, symbols, buffers and odd numbers never throw', () => {
    const cause = new Error('root cause');
    const error = Object.assign(new TypeError('bad', { cause }), { code: 'E_BAD' });
    const value = {
      big: 12345678901234567890n,
      error,
      map: new Map<unknown, unknown>([['k', 1], [2, 'two']]),
      set: new Set(['x', 'y']),
      fn: function named() {},
      arrow: () => 1,
      symbol: Symbol('s'),
      bytes: new Uint8Array(3),
      notANumber: Number.NaN,
      list: [undefined, () => 1],
      regex: /a+/g,
      promise: Promise.resolve(1),
    };
    const parsed = JSON.parse(serializeValue(value)) as Record<string, unknown>;
    expect(parsed).toMatchObject({
      big: '12345678901234567890',
      error: { name: 'TypeError', message: 'bad', code: 'E_BAD', cause: { name: 'Error', message: 'root cause' } },
      map: { k: 1, 2: 'two' },
      set: ['x', 'y'],
      fn: '[Function named]',
      arrow: '[Function arrow]',
      symbol: 'Symbol(s)',
      bytes: '[Uint8Array 3 bytes]',
      notANumber: 'NaN',
      list: [null, '[Function anonymous]'],
      regex: '/a+/g',
      promise: '[Promise]',
    });
    expect((parsed['error'] as { stack: string }).stack).toContain('TypeError: bad');
    expect(serializeValue(10n)).toBe('"10"');
    expect(serializeValue(undefined)).toBe('null');
  });

  test('toJSON is honoured; a throwing toJSON or getter is recorded, not thrown', () => {
    expect(serializeValue({ custom: { toJSON: () => ({ shown: 1n }) } })).toBe('{"custom":{"shown":"1"}}');
    const value = { toJSON: () => { throw new Error('nope'); } };
    expect(serializeValue({ value })).toBe('{"value":"[Unserializable]"}');
    const getter = Object.defineProperty({}, 'boom', { enumerable: true, get: () => { throw new Error('getter'); } });
    expect(serializeValue(getter)).toBe('"[Unserializable]"');
    // The walk state is reset after a failure: the next value is recorded normally.
    expect(serializeValue({ after: [1] })).toBe('{"after":[1]}');
  });

  test('the copy shares nothing mutable with the value and keeps "__proto__" as a key', () => {
    const original = { list: [1, { deep: 'x' }] };
    const copy = toJsonValue(original) as { list: [number, { deep: string }] };
    expect(copy).toEqual(original);
    expect(copy.list).not.toBe(original.list);
    expect(copy.list[1]).not.toBe(original.list[1]);
    const parsed = JSON.parse('{"__proto__":{"polluted":true},"ok":1}') as object;
    const safe = toJsonValue(parsed) as Record<string, unknown>;
    expect(Object.getPrototypeOf(safe)).toBe(Object.prototype);
    expect(Object.keys(safe)).toEqual(['__proto__', 'ok']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test('huge values are cut near the cap with markers, and stay valid JSON', () => {
    const long = 'x'.repeat(MAX_VALUE_CHARS * 2);
    const fromString = serializeValue({ long });
    expect(fromString.length).toBeLessThan(MAX_VALUE_CHARS + 100);
    expect(fromString).toMatch(/x…\[truncated 1\d{5} chars\]"\}$/);

    const many = Array.from({ length: 50_000 }, (_, index) => ({ index, text: 'some text' }));
    const fromList = JSON.parse(serializeValue(many)) as unknown[];
    expect(JSON.stringify(fromList).length).toBeLessThan(MAX_VALUE_CHARS * 1.2);
    expect(fromList.at(-1)).toMatch(/^\[truncated \d+ more items\]$/);

    const wide = Object.fromEntries(Array.from({ length: 20_000 }, (_, index) => [`key${index}`, 'value']));
    const fromObject = JSON.parse(serializeValue(wide)) as Record<string, unknown>;
    expect(fromObject['[truncated]']).toMatch(/more keys$/);
  });

  test('very deep values are cut instead of overflowing the stack', () => {
    let deep: unknown = 'bottom';
    for (let level = 0; level < 10_000; level++) deep = { deep };
    expect(serializeValue(deep)).toContain('[MaxDepth]');
  });

  test('a traced function with circular inputs records them safely', async () => {
    const capture = captureTraces();
    const request: Record<string, unknown> = { url: '/chat' };
    request['self'] = request;
    const handle = trace(function handle(req: unknown) {
      return typeof req;
    });
    expect(capture.run(() => handle(request))).toBe('object');
    expect(spanNamed(await capture.last(), 'handle').inputs).toEqual({ req: { url: '/chat', self: '[Circular]' } });
  });
});
