import { makeSpan, makeTrace } from '@verdict/core/testing';
import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { judgeReply, startOpenAICompatibleServer } from '../test-support/openai-compatible-server';
import type { OpenAICompatibleServer, OpenAICompatibleServerOptions } from '../test-support/openai-compatible-server';
import { createJudgeRuntime } from './judge-runtime';
import type { JudgeOptions } from './judge-runtime';
import { correctness, guidelines, relevanceToQuery, retrievalGroundedness, retrievalRelevance, safety } from './judges';
import { toEvalScore } from './scorer';
import type { Scorer, ScorerInput } from './scorer';

let llm: OpenAICompatibleServer | undefined;
afterEach(async () => {
  await llm?.close();
  llm = undefined;
});

async function judgeWith(script: OpenAICompatibleServerOptions['script'], options: Partial<JudgeOptions> = {}) {
  llm = await startOpenAICompatibleServer({ script });
  // The real openai client, as a host would configure it.
  const client = new OpenAI({ baseURL: llm.baseURL, apiKey: 'test' });
  return createJudgeRuntime({ client, model: 'judge-model', backoffMs: 5, timeoutMs: 2000, ...options });
}

const paris: ScorerInput = {
  inputs: { question: 'What is the capital of France?' },
  outputs: 'Paris.',
  expectations: { expected_response: 'Paris' },
  trace: undefined,
};

async function score(made: Scorer, judge: Awaited<ReturnType<typeof judgeWith>> | undefined, input: ScorerInput = paris) {
  return toEvalScore(await made.score(input, { signal: new AbortController().signal, judge }));
}

describe('built-in judges through the openai client', () => {
  it('asks for structured output and returns the verdict with its rationale', async () => {
    const judge = await judgeWith(({ text }) => ({ content: judgeReply(text.includes('Paris.'), 'the answer names Paris') }));
    expect(await score(correctness(), judge)).toEqual({ value: true, rationale: 'the answer names Paris' });
    const body = llm?.requests[0]?.body as { model: string; response_format: { type: string; json_schema: { name: string; strict: boolean; schema: { required: string[] } } }; messages: { content: string }[] };
    expect(body.model).toBe('judge-model');
    expect(body.response_format.type).toBe('json_schema');
    expect(body.response_format.json_schema).toMatchObject({ name: 'correctness', strict: true, schema: { required: ['rationale', 'value'], additionalProperties: false } });
    expect(body.messages[1]?.content).toContain('<expected_response>\nParis\n</expected_response>');
    expect(judge.usage.judge_prompt_tokens).toBeGreaterThan(0);
    expect(judge.usage.judge_completion_tokens).toBeGreaterThan(0);
  });

  it('reports an incorrect answer as false', async () => {
    const judge = await judgeWith(() => ({ content: judgeReply(false, 'says Lyon') }));
    expect(await score(correctness(), judge, { ...paris, outputs: 'Lyon' })).toEqual({ value: false, rationale: 'says Lyon' });
  });

  it('retries malformed output and then succeeds', async () => {
    const judge = await judgeWith(({ index }) => ({ content: index === 0 ? 'Sure! The answer is correct.' : index === 1 ? '{"value":"maybe"}' : judgeReply(true) }));
    expect((await score(correctness(), judge)).value).toBe(true);
    expect(llm?.requests).toHaveLength(3);
  });

  it('gives an error score, not a pass, when the output stays malformed', async () => {
    const judge = await judgeWith(() => ({ content: 'not json' }), { maxAttempts: 2 });
    const result = await score(correctness(), judge);
    expect(result.value).toBeUndefined();
    expect(result.error?.error_code).toBe('MALFORMED_OUTPUT');
    expect(result.error?.error_message).toMatch(/after 2 attempts/);
  });

  it('backs off on 429, halves its rate, and succeeds on the retry', async () => {
    const judge = await judgeWith(({ index }) => (index === 0 ? { status: 429, retryAfterMs: 20 } : { content: judgeReply(true) }));
    expect((await score(correctness(), judge)).value).toBe(true);
    expect(llm?.requests).toHaveLength(2);
    expect(Number.isFinite(judge.throttle.ratePerSecond)).toBe(true);
  });

  it('gives RATE_LIMITED when every attempt is a 429', async () => {
    const judge = await judgeWith(() => ({ status: 429 }), { maxAttempts: 3 });
    expect((await score(safety(), judge)).error?.error_code).toBe('RATE_LIMITED');
    expect(llm?.requests).toHaveLength(3);
  });

  it('times out a judge that never answers, retries, and reports TIMEOUT', async () => {
    const judge = await judgeWith(() => ({ hang: true }), { timeoutMs: 100, maxAttempts: 2 });
    const result = await score(relevanceToQuery(), judge);
    expect(result.error?.error_code).toBe('TIMEOUT');
    expect(llm?.requests).toHaveLength(2);
  });

  it('does not retry a 400', async () => {
    const judge = await judgeWith(() => ({ status: 400, message: 'bad model' }));
    const result = await score(safety(), judge);
    expect(result.error).toEqual({ error_code: 'JUDGE_ERROR', error_message: expect.stringContaining('400') });
    expect(llm?.requests).toHaveLength(1);
  });

  it('says what is missing instead of asking the judge', async () => {
    const judge = await judgeWith(() => ({ content: judgeReply(true) }));
    expect((await score(correctness(), judge, { ...paris, expectations: {} })).error?.error_code).toBe('MISSING_EXPECTATION');
    expect((await score(guidelines(), judge)).error?.error_code).toBe('MISSING_EXPECTATION');
    expect((await score(retrievalGroundedness(), judge)).error?.error_code).toBe('MISSING_DOCUMENTS');
    expect((await score(correctness(), undefined)).error?.error_code).toBe('JUDGE_NOT_CONFIGURED');
    expect(llm?.requests).toHaveLength(0);
  });

  it('uses global and per-row guidelines, and expected_facts', async () => {
    const judge = await judgeWith(() => ({ content: judgeReply(true) }));
    await score(guidelines({ guidelines: 'Be brief' }), judge, { ...paris, expectations: { guidelines: ['Answer in English'] } });
    await score(correctness(), judge, { ...paris, expectations: { expected_facts: ['Paris', 'France'] } });
    const prompts = llm?.requests.map((request) => (request.body.messages as { content: string }[])[1]?.content);
    expect(prompts?.[0]).toContain('1. Be brief\n2. Answer in English');
    expect(prompts?.[1]).toContain('<expected_facts>\n1. Paris\n2. France');
  });

  it('reads the RETRIEVER documents of the trace for the retrieval judges', async () => {
    const trace = makeTrace();
    const second = makeSpan({ trace_id: trace.info.trace_id, name: 'retrieve-more', span_type: 'RETRIEVER', outputs: [{ page_content: 'Unrelated cooking tips.', metadata: {} }] });
    trace.data.spans.push(second);
    const judge = await judgeWith(({ body }) =>
      (body.response_format as { json_schema: { name: string } }).json_schema.name === 'retrieval_relevance'
        ? { content: judgeReply([true, false], 'doc 1 relevant, doc 2 not') }
        : { content: judgeReply(true, 'supported') },
    );
    const input = { ...paris, trace, outputs: 'Verdict collects feedback.' };
    expect(await score(retrievalRelevance(), judge, input)).toEqual({ value: 0.5, rationale: '1 of 2 documents relevant. doc 1 relevant, doc 2 not' });
    expect((await score(retrievalGroundedness(), judge, input)).value).toBe(true);
    const prompt = (llm?.requests[0]?.body.messages as { content: string }[])[1]?.content;
    expect(prompt).toContain('<document_1>\nVerdict collects feedback.\n</document_1>');
    expect(prompt).toContain('<document_2>\nUnrelated cooking tips.\n</document_2>');
  });

  it('refuses a per-document answer of the wrong length as malformed', async () => {
    const judge = await judgeWith(() => ({ content: judgeReply([true, true, true]) }), { maxAttempts: 1 });
    expect((await score(retrievalRelevance(), judge, { ...paris, trace: makeTrace() })).error?.error_code).toBe('MALFORMED_OUTPUT');
  });
});
