import type { JsonValue } from '@verdict/core';
import { scorer } from './scorer';
import type { Scorer } from './scorer';

/**
 * Text of an output: strings as they are, `{ response }`/`{ content }`/`{ answer }` unwrapped, anything else as JSON.
 * @example outputText({ response: 'Paris' }) // 'Paris'
 */
export function outputText(outputs: JsonValue | undefined): string {
  if (outputs === undefined || outputs === null) return '';
  if (typeof outputs === 'string') return outputs;
  if (typeof outputs === 'object' && !Array.isArray(outputs)) {
    for (const key of ['response', 'content', 'answer', 'output', 'text']) {
      const value = outputs[key];
      if (typeof value === 'string') return value;
    }
  }
  return JSON.stringify(outputs);
}

const normalize = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * `exact_match`: the output equals `expected_response` (trimmed, whitespace collapsed,
 * case-insensitive). Without an `expected_response` the row gets a `MISSING_EXPECTATION` error.
 * @example evaluate({ data, predictFn, scorers: [exactMatch()] })
 */
export function exactMatch(): Scorer {
  return scorer('exact_match', ({ outputs, expectations }) => {
    const expected = expectations.expected_response;
    if (expected === undefined) return { error: { error_code: 'MISSING_EXPECTATION', error_message: 'exact_match needs an expected_response expectation' } };
    const expectedText = typeof expected === 'string' ? expected : JSON.stringify(expected);
    const match = normalize(outputText(outputs)) === normalize(expectedText);
    return { value: match, rationale: match ? 'the output equals expected_response' : `expected ${JSON.stringify(expectedText)}` };
  });
}

/**
 * `contains_all`: every expected fact appears in the output (case-insensitive). The facts are
 * `facts` when given (the same for every row), else the row's `expected_facts`. The rationale
 * lists the missing ones; a row without facts, or with a fact that is not a string, gets a
 * `MISSING_EXPECTATION` error rather than a failed score.
 * @example evaluate({ data, predictFn, scorers: [containsAll(), containsAll({ facts: ['Paris'] })] })
 */
export function containsAll(options: { facts?: string[] } = {}): Scorer {
  const global = options.facts;
  if (global !== undefined && !(Array.isArray(global) && global.every((fact) => typeof fact === 'string'))) {
    throw new TypeError(`containsAll({ facts }) needs a list of strings, not ${JSON.stringify(global)}`);
  }
  return scorer('contains_all', ({ outputs, expectations }) => {
    const facts = global ?? expectations.expected_facts;
    const list = Array.isArray(facts) ? facts : typeof facts === 'string' ? [facts] : undefined;
    if (list === undefined) return { error: { error_code: 'MISSING_EXPECTATION', error_message: 'contains_all needs an expected_facts expectation (a list of strings)' } };
    // Rows come from datasets anyone can edit: a number or object among the facts is the row's fault, not a crash.
    const bad = list.findIndex((fact) => typeof fact !== 'string');
    if (bad !== -1) {
      return { error: { error_code: 'MISSING_EXPECTATION', error_message: `contains_all needs expected_facts to be strings; fact ${bad} is ${String(JSON.stringify(list[bad])).slice(0, 80)}` } };
    }
    const strings = list as string[];
    const text = normalize(outputText(outputs));
    const missing = strings.filter((fact) => !text.includes(normalize(fact)));
    return { value: missing.length === 0, rationale: missing.length === 0 ? `all ${strings.length} facts present` : `missing: ${missing.join('; ')}` };
  });
}

/**
 * `latency_under`: the trace took less than `ms` milliseconds. Rows without a trace get a
 * `MISSING_TRACE` error.
 * @example evaluate({ data, predictFn, scorers: [latencyUnder(2000)] })
 */
export function latencyUnder(ms: number): Scorer {
  if (!(ms > 0)) throw new TypeError(`latencyUnder(ms) needs a positive number of milliseconds, not ${ms}`);
  return scorer('latency_under', ({ trace }) => {
    if (trace === undefined) return { error: { error_code: 'MISSING_TRACE', error_message: 'latency_under needs the row’s trace' } };
    const took = trace.info.execution_duration;
    if (took === null) return { error: { error_code: 'MISSING_TRACE', error_message: 'the trace is still in progress (no duration)' } };
    return { value: took < ms, rationale: `took ${Math.round(took)} ms (limit ${ms} ms)` };
  });
}
