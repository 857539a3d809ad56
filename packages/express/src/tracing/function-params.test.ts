import { describe, expect, test } from 'vitest';
import { inputsFromArgs, parameterNames } from './function-params';

/* eslint-disable @typescript-eslint/no-unused-vars -- the parameters are what is tested */
describe('parameterNames()', () => {
  test('reads plain identifiers from every function syntax', () => {
    expect(parameterNames(function named(a: number, b: number) {})).toEqual({ names: ['a', 'b'], rest: false });
    expect(parameterNames(async function (question: string) {})).toEqual({ names: ['question'], rest: false });
    expect(parameterNames((x: number, y: number) => 0)).toEqual({ names: ['x', 'y'], rest: false });
    expect(parameterNames(async (x: number) => 0)).toEqual({ names: ['x'], rest: false });
    expect(parameterNames(((x: number) => 0) as never)).toEqual({ names: ['x'], rest: false });
    expect(parameterNames({ method(first: string, ...more: string[]) {} }.method)).toEqual({ names: ['first', 'more'], rest: true });
    expect(parameterNames(() => 0)).toEqual({ names: [], rest: false });
    expect(parameterNames(async function* gen(topK: number) {} as never)).toEqual({ names: ['topK'], rest: false });
  });

  test('gives up on destructuring, defaults and comments', () => {
    expect(parameterNames(({ a }: { a: number }) => a)).toBeUndefined();
    expect(parameterNames(([a]: number[]) => a)).toBeUndefined();
    expect(parameterNames((a: number, b = 2) => a + b)).toBeUndefined();
    expect(parameterNames(new Function('a /* the a */', 'return a') as never)).toBeUndefined();
    expect(parameterNames(class Thing {} as never)).toBeUndefined();
  });

  test('native and bound functions yield no names, so their arguments go under args', () => {
    const bound = function (a: number) {}.bind(null);
    const names = parameterNames(bound);
    expect(inputsFromArgs(names, [1, 2])).toEqual({ args: [1, 2] });
  });
});

describe('inputsFromArgs()', () => {
  test('names arguments, keeps extras under args, and collects rest parameters', () => {
    expect(inputsFromArgs({ names: ['a', 'b'], rest: false }, [1])).toEqual({ a: 1 });
    expect(inputsFromArgs({ names: ['a'], rest: false }, [1, 2, 3])).toEqual({ a: 1, args: [2, 3] });
    expect(inputsFromArgs({ names: ['a', 'more'], rest: true }, [1, 2, 3])).toEqual({ a: 1, more: [2, 3] });
    expect(inputsFromArgs({ names: [], rest: false }, [])).toEqual({});
  });

  test('without names: a single plain object as-is, else { args }', () => {
    expect(inputsFromArgs(undefined, [{ message: 'hi' }])).toEqual({ message: 'hi' });
    expect(inputsFromArgs(undefined, [new Date(0)])).toEqual({ args: [new Date(0)] });
    expect(inputsFromArgs(undefined, ['a', 'b'])).toEqual({ args: ['a', 'b'] });
  });
});
