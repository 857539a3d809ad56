import { expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';

it('is independent of key order at every level and keeps array order', () => {
  expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: 'é"' } })).toBe('{"a":{"c":"é\\"","d":[2,{"x":0,"y":1}]},"b":1}');
  expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  expect(canonicalJson({ a: null, b: true })).toBe('{"a":null,"b":true}');
});
