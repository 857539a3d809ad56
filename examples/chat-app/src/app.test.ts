import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChatResponseSchema, memoryStore, TraceSchema, type Store } from '@verdict/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createChatApp } from './app';
import { demoModel, openAIModel, type ChatModel } from './models';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(server: Server): Promise<string> {
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function startApp(model: ChatModel, store: Store = memoryStore()) {
  const { app, verdict } = createChatApp({ store, model, feedbackSecret: 'test-secret-0123456789abcdef' });
  const base = await listen(createServer(app));
  return { base, verdict, store };
}

async function chat(base: string, message: string) {
  const response = await fetch(`${base}/api/chat`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ message }),
  });
  expect(response.status).toBe(200);
  return ChatResponseSchema.parse(await response.json());
}

describe('example chat app (offline demo model)', () => {
  it('answers from the retrieved articles, labelled as a demo', async () => {
    const { base } = await startApp(demoModel());
    const answer = await chat(base, 'How long does standard shipping take?');
    expect(answer.response).toMatch(/^\[offline demo model\]/);
    expect(answer.response).toContain('3 to 5 business days');
    expect(answer.feedback_token).toBeTruthy();
  });

  it('says it does not know when no article matches', async () => {
    const { base } = await startApp(demoModel());
    const answer = await chat(base, 'Quantum chromodynamics?');
    expect(answer.response).toContain("I don't know");
  });

  it('records a root span and four children, the retriever returning documents', async () => {
    const { base, verdict } = await startApp(demoModel());
    const answer = await chat(base, 'Can I return an opened item?');
    await verdict.flush();
    const trace = TraceSchema.parse(await (await fetch(`${base}/api/traces/${answer.trace_id}`)).json());
    const root = trace.data.spans.find((span) => span.parent_span_id === null);
    expect(root?.name).toBe('chat');
    const children = trace.data.spans.filter((span) => span.parent_span_id === root?.span_id);
    expect(children.map((span) => span.name).sort()).toEqual(['build_prompt', 'generate', 'retrieve', 'rewrite_query']);
    const retriever = children.find((span) => span.span_type === 'RETRIEVER');
    expect(retriever?.outputs).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'kb-returns' })]));
    expect(trace.info.state).toBe('OK');
    expect(trace.info.response_preview).toContain('30 days');
  });

  it('takes a thumbs-down with a comment on the answer it served, and refuses a forged vote', async () => {
    const { base } = await startApp(demoModel());
    const answer = await chat(base, 'Which payment methods do you accept?');
    const vote = (token: string | undefined) =>
      fetch(`${base}/api/feedback?trace_id=${answer.trace_id}&user_id=alice`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ is_correct: false, comment: 'missing Apple Pay', feedback_token: token }),
      });
    expect((await vote(undefined)).status).toBe(403);
    const accepted = await vote(answer.feedback_token);
    expect(accepted.status).toBe(200);
    const trace = TraceSchema.parse(await (await fetch(`${base}/api/traces/${answer.trace_id}`)).json());
    expect(trace.info.assessments).toEqual([
      expect.objectContaining({
        assessment_name: 'user_feedback',
        feedback: { value: false },
        rationale: 'missing Apple Pay',
        source: { source_type: 'HUMAN', source_id: 'alice' },
      }),
    ]);
  });

  it('serves the page', async () => {
    const { base } = await startApp(demoModel());
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    // The React build when `npm run build` made it, else the plain page: both carry this title.
    expect(await page.text()).toContain('<title>Verdict example — help-centre chat</title>');
  });
});

describe('example chat app with the official openai client', () => {
  it('sends the grounded prompt to an OpenAI-compatible server and returns its answer', async () => {
    const requests: unknown[] = [];
    const llm = createServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      requests.push({ url: req.url, body: JSON.parse(body) });
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify({
        id: 'chatcmpl-1', object: 'chat.completion', created: 0, model: 'test-model',
        choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Within 30 days.' } }],
        usage: { prompt_tokens: 42, completion_tokens: 3, total_tokens: 45 },
      }));
    });
    const llmBase = await listen(llm);
    const { base } = await startApp(openAIModel({ apiKey: 'test-key', baseURL: `${llmBase}/v1`, model: 'test-model' }));
    const answer = await chat(base, 'How long do I have to return an order?');
    expect(answer.response).toBe('Within 30 days.');
    expect(requests).toEqual([
      expect.objectContaining({
        url: '/v1/chat/completions',
        body: expect.objectContaining({
          model: 'test-model',
          messages: [
            expect.objectContaining({ role: 'system', content: expect.stringContaining('Orders can be returned within 30 days') }),
            { role: 'user', content: 'How long do I have to return an order?' },
          ],
        }),
      }),
    ]);
  });
});
