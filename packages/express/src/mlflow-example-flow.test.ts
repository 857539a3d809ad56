import { HttpError, createClient } from '@verdict/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postJson, serve } from './test-support/serve';
import type { TestServer } from './test-support/serve';
import { withSpan } from './tracing';

const secret = 'mlflow-example-flow-secret';
let server: TestServer;

// The example's app: a traced retrieval step and a model step, as in MLflow's FastAPI example.
beforeEach(async () => {
  server = await serve({
    feedbackSecret: secret,
    setup: (app, v) =>
      app.post(
        '/api/chat',
        v.chatHandler(async ({ message }) => {
          const documents = await withSpan({ name: 'retrieve', spanType: 'RETRIEVER', inputs: { query: message } }, async () => [
            { page_content: 'Paris is the capital of France.', metadata: { doc_uri: 'kb://geo' } },
          ]);
          return withSpan({ name: 'llm', spanType: 'LLM' }, () => `Based on ${documents.length} document: Lyon.`);
        }),
      ),
  });
});
afterEach(() => server.close());

describe('the MLflow feedback example, end to end over HTTP', () => {
  it('chat → trace id + token → thumbs down with a comment → the trace shows it', async () => {
    const chat = await postJson(`${server.api}/chat`, { message: 'What is the capital of France?' });
    expect(chat.status).toBe(200);
    const { trace_id, feedback_token } = chat.json as { trace_id: string; feedback_token: string };

    const query = `trace_id=${trace_id}&user_id=alice&feedback_token=${encodeURIComponent(feedback_token)}`;
    const vote = await postJson(`${server.api}/feedback?${query}`, { is_correct: false, comment: 'It is Paris, not Lyon.' });
    expect(vote).toMatchObject({ status: 200, json: { status: 'success', trace_id } });

    const response = await fetch(`${server.api}/traces/${trace_id}`);
    expect(response.status).toBe(200);
    const trace = (await response.json()) as { info: { assessments: unknown[] }; data: { spans: Array<{ name: string; span_type: string; outputs?: unknown }> } };
    expect(trace.info.assessments).toEqual([
      expect.objectContaining({
        assessment_name: 'user_feedback',
        feedback: { value: false },
        source: { source_type: 'HUMAN', source_id: 'alice' },
        rationale: 'It is Paris, not Lyon.',
        valid: true,
      }),
    ]);
    expect(trace.data.spans.map((span) => `${span.name}:${span.span_type}`)).toEqual(['chat:CHAIN', 'retrieve:RETRIEVER', 'llm:LLM']);
    expect(trace.data.spans[1]?.outputs).toEqual([{ page_content: 'Paris is the capital of France.', metadata: { doc_uri: 'kb://geo' } }]);
  });

  it('the same flows through the typed core client', async () => {
    const client = createClient({ baseUrl: server.api });
    const { trace_id, feedback_token } = await client.chat({ message: 'Capital of France?' });
    expect(feedback_token).toBeDefined();

    await client.sendFeedback({ trace_id, user_id: 'bob', is_correct: true, feedback_token });
    await client.sendDetailedFeedback({ trace_id, accuracy: 4, relevance: 5, comment: 'fine', ...(feedback_token ? { feedback_token } : {}) });
    const general = await client.logFeedback({ trace_id, name: 'tone', value: 'friendly', feedback_token });
    const [toneId] = general.assessment_ids ?? [];

    const { assessment } = await client.overrideAssessment(trace_id, toneId ?? '', { feedback: { value: 'curt' } });
    expect(assessment.overrides).toBe(toneId);
    await client.createAssessment(trace_id, { assessment_name: 'expected_answer', expectation: { value: 'Paris' } });

    const trace = await client.getTrace(trace_id);
    const valid = trace.info.assessments.filter((entry) => entry.valid);
    expect(Object.fromEntries(valid.map((entry) => [entry.assessment_name, entry.feedback?.value ?? entry.expectation?.value]))).toEqual({
      user_feedback: true,
      user_accuracy: 0.75,
      user_relevance: 1,
      tone: 'curt',
      expected_answer: 'Paris',
    });

    const { traces } = await client.searchTraces({ assessment_name: 'tone', assessment_value: '"curt"' });
    expect(traces.map((info) => info.trace_id)).toEqual([trace_id]);
    await client.deleteAssessment(trace_id, assessment.assessment_id);
    expect((await client.getTrace(trace_id)).info.assessments.find((entry) => entry.assessment_id === toneId)?.valid).toBe(true);
  });

  it('the client sees refusals as HttpError with the server code', async () => {
    const client = createClient({ baseUrl: server.api });
    const { trace_id } = await client.chat({ message: 'hi' });
    const error = await client.sendFeedback({ trace_id, is_correct: true }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 403, code: 'PERMISSION_DENIED' });
  });
});
