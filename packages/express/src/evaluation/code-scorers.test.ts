import { makeTrace } from '@verdict/core/testing';
import { describe, expect, it } from 'vitest';
import { containsAll, exactMatch, latencyUnder, outputText } from './code-scorers';
import { scorer, toEvalScore } from './scorer';
import { createScorerRegistry } from './scorer-registry';
import type { ScorerContext, ScorerInput } from './scorer';

const context: ScorerContext = { signal: new AbortController().signal, judge: undefined };
const input = (fields: Partial<ScorerInput>): ScorerInput => ({ inputs: {}, outputs: undefined, expectations: {}, trace: undefined, ...fields });
const run = async (made: ReturnType<typeof exactMatch>, fields: Partial<ScorerInput>) => toEvalScore(await made.score(input(fields), context));

describe('code scorers', () => {
  it('exact_match ignores case and spacing, reads { response } outputs, and needs expected_response', async () => {
    expect((await run(exactMatch(), { outputs: { response: '  paris ' }, expectations: { expected_response: 'Paris' } })).value).toBe(true);
    expect((await run(exactMatch(), { outputs: 'Lyon', expectations: { expected_response: 'Paris' } })).value).toBe(false);
    expect((await run(exactMatch(), { outputs: 'Paris' })).error?.error_code).toBe('MISSING_EXPECTATION');
  });

  it('contains_all names the missing facts', async () => {
    const score = await run(containsAll(), { outputs: 'Paris is the capital of France.', expectations: { expected_facts: ['Paris', 'capital', 'Seine'] } });
    expect(score).toEqual({ value: false, rationale: 'missing: Seine' });
    expect((await run(containsAll(), { outputs: 'PARIS, capital', expectations: { expected_facts: ['paris', 'Capital'] } })).value).toBe(true);
  });

  it('contains_all takes global facts over the row\'s, and answers MISSING_EXPECTATION for a fact that is not a string', async () => {
    const global = containsAll({ facts: ['Paris', 'Seine'] });
    expect(await run(global, { outputs: 'Paris on the Seine', expectations: { expected_facts: ['Lyon'] } })).toEqual({ value: true, rationale: 'all 2 facts present' });
    expect(await run(global, { outputs: 'Paris', expectations: {} })).toEqual({ value: false, rationale: 'missing: Seine' });
    // Without global facts the row's are used, and a row without any is an error, not a failure.
    expect((await run(containsAll({}), { outputs: 'Lyon', expectations: { expected_facts: ['Lyon'] } })).value).toBe(true);
    expect((await run(containsAll(), { outputs: 'Lyon' })).error?.error_code).toBe('MISSING_EXPECTATION');
    for (const facts of [['Paris', 3], [{ fact: 'Paris' }], [null]]) {
      const score = await run(containsAll(), { outputs: 'Paris', expectations: { expected_facts: facts as never } });
      expect(score.value).toBeUndefined();
      expect(score.error?.error_code).toBe('MISSING_EXPECTATION');
      expect(score.error?.error_message).toMatch(/expected_facts to be strings; fact \d is /);
    }
    expect(() => containsAll({ facts: [1] as never })).toThrow(/list of strings/);
  });

  it('contains_all options.facts through the scorer registry: used when a list of strings, a 400 otherwise', async () => {
    const registry = createScorerRegistry();
    const [made] = registry.resolve([{ name: 'contains_all', options: { facts: ['Paris'] } }]);
    expect((await run(made!, { outputs: 'Paris', expectations: { expected_facts: ['Lyon'] } })).value).toBe(true);
    for (const facts of ['Paris', [1], { a: 'b' }]) {
      expect(() => registry.resolve([{ name: 'contains_all', options: { facts } }])).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT', issues: [expect.objectContaining({ path: ['options', 'facts'] })] }),
      );
    }
  });

  it('latency_under reads the trace duration and needs a trace', async () => {
    const trace = makeTrace({ execution_duration: 812 });
    expect((await run(latencyUnder(1000), { trace })).value).toBe(true);
    expect((await run(latencyUnder(500), { trace })).value).toBe(false);
    expect((await run(latencyUnder(500), {})).error?.error_code).toBe('MISSING_TRACE');
    expect(() => latencyUnder(0)).toThrow(/positive/);
  });

  it('scorer() takes plain values or feedback, and nothing is never a pass', async () => {
    const words = scorer('words', ({ outputs }) => outputText(outputs).split(' ').length);
    expect(await run(words, { outputs: 'one two three' })).toEqual({ value: 3 });
    const explained = scorer('explained', () => ({ value: 0.5, rationale: 'half' }));
    expect(await run(explained, {})).toEqual({ value: 0.5, rationale: 'half' });
    // A JSON object value that merely has other keys stays a value.
    expect(toEvalScore({ label: 'x', value: 1 } as never)).toEqual({ value: { label: 'x', value: 1 } });
    expect(toEvalScore({ rationale: 'forgot the value' } as never).error?.error_code).toBe('NO_VALUE');
    expect(toEvalScore(undefined).error?.error_code).toBe('NO_VALUE');
  });
});
