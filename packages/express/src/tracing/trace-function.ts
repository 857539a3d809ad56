import { context } from '@opentelemetry/api';
import type { SpanType } from '@verdict/core';
import { inputsFromArgs, parameterNames } from './function-params';
import { checkSpanType } from './span-attributes';
import { openSpan, startAttributes } from './verdict-span';
import { runInSpan } from './with-span';

/** Options of {@link trace}. */
export interface TraceOptions {
  /** @default the function's name, else 'anonymous' */
  name?: string;
  /** @default 'UNKNOWN' */
  spanType?: SpanType;
  /** Attributes set on every span of this function. */
  attributes?: Readonly<Record<string, unknown>>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any function, its type preserved
type AnyFunction = (this: any, ...args: any[]) => any;

/**
 * Wraps a function, sync or async, so that every call is a span: the root of a new trace outside
 * one, a child inside. Inputs are `{ <parameter>: argument }` when the parameter names can be read
 * from the function's source (plain identifiers, no destructuring or defaults); otherwise a single
 * plain-object argument is recorded as-is, and anything else as `{ args: [...] }`. The return value
 * (or resolved value) is the outputs — `"[stream]"` for async iterables and generators, which are
 * not read. Errors are recorded and re-thrown unchanged; `this` and the function's type are kept.
 * @example
 * const retrieve = trace(async (query: string) => index.search(query), { spanType: 'RETRIEVER' });
 * const answer = trace(async function answer(message: string) {
 *   const docs = await retrieve(message);
 *   return { response: await llm(message, docs) };
 * }, { spanType: 'CHAIN' });
 */
export function trace<Fn extends AnyFunction>(fn: Fn, options: TraceOptions = {}): Fn {
  if (typeof fn !== 'function') throw new TypeError('trace() needs a function');
  // Everything that does not depend on the call is worked out once, here.
  const name = options.name ?? (fn.name || 'anonymous');
  const spanType = checkSpanType(options.spanType);
  const attributes = startAttributes(spanType, options.attributes);
  const parameters = parameterNames(fn);
  const traced = function (this: unknown, ...args: unknown[]): unknown {
    const parentContext = context.active();
    const span = openSpan(name, spanType, attributes, parentContext);
    span.setInputs(inputsFromArgs(parameters, args));
    return runInSpan(span, parentContext, fn, this, args, true);
  };
  Object.defineProperty(traced, 'name', { value: fn.name, configurable: true });
  Object.defineProperty(traced, 'length', { value: fn.length, configurable: true });
  return traced as Fn;
}
