import { makeTrace } from '@verdict/core/testing';
import { describe, expect, it } from 'vitest';
import { containsAll, exactMatch, latencyUnder, outputText } from './code-scorers';
import { scorer, toEvalScore } from './scorer';
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
