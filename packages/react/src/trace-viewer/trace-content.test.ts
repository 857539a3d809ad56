import { describe, expect, it } from 'vitest';
import { agentTrace, fixtureSpanId, ragTrace } from '../test-support/trace-fixtures';
import { chatTranscript, tokenCounts } from './chat-messages';
import { documentTitle, retrievedDocuments } from './documents';

const spanOf = (trace: ReturnType<typeof ragTrace>, n: number) => trace.data.spans.find((span) => span.span_id === fixtureSpanId(n))!;

describe('chatTranscript and tokenCounts', () => {
  it('read the request messages, the answer and the usage instrumentOpenAI records', () => {
    const chat = spanOf(ragTrace(), 5);
    expect(chatTranscript(chat)?.map((message) => message.role)).toEqual(['system', 'user', 'assistant']);
    expect(chatTranscript(chat)?.at(-1)?.content).toMatch(/3 to 5 business days/);
    expect(tokenCounts(chat)).toEqual({ input_tokens: 96, output_tokens: 14, total_tokens: 110 });
  });

  it('list tool calls, accept usage stored as JSON text, and fall back to the outputs usage', () => {
    const plan = spanOf(agentTrace(), 2);
    expect(chatTranscript(plan)?.at(-1)?.toolCalls).toEqual(['get_weather({"city":"Lisbon"})', 'search_flights({"to":"LIS"})']);
    expect(tokenCounts(plan)).toEqual({ input_tokens: 40, output_tokens: 31, total_tokens: 71 });
    expect(tokenCounts({ attributes: {}, outputs: { usage: { prompt_tokens: 3, completion_tokens: 5 } } })).toEqual({ input_tokens: 3, output_tokens: 5, total_tokens: 8 });
    expect(tokenCounts({ attributes: { 'mlflow.chat.tokenUsage': 'not json' }, outputs: {} })).toBeNull();
  });

  it('reads Responses input and output, parts lists, and answers null without messages', () => {
    const responses = chatTranscript({
      inputs: { input: [{ role: 'user', content: [{ type: 'input_text', text: 'Hi' }, { type: 'input_image' }] }] },
      outputs: { output: [{ type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'Hello' }] }] },
    });
    expect(responses).toEqual([
      { role: 'user', content: 'Hi\n[input_image]', toolCalls: [] },
      { role: 'assistant', content: 'Hello', toolCalls: [] },
    ]);
    expect(chatTranscript({ inputs: { input: 'Hi' }, outputs: { output_text: 'Hey' } })?.map((message) => message.content)).toEqual(['Hi', 'Hey']);
    expect(chatTranscript({ inputs: { prompt: 'Say hi' }, outputs: { choices: [{ text: 'hi', index: 0 }] } })).toEqual([
      { role: 'user', content: 'Say hi', toolCalls: [] },
      { role: 'assistant', content: 'hi', toolCalls: [] },
    ]);
    expect(chatTranscript({ inputs: { query: 'x' }, outputs: null })).toBeNull();
    expect(chatTranscript({ inputs: { messages: [{ content: 'no role' }] }, outputs: null })).toBeNull();
  });
});

describe('retrievedDocuments', () => {
  it('reads Document[] and titles documents by doc_uri, then id, then position', () => {
    const documents = retrievedDocuments(spanOf(ragTrace(), 3).outputs)!;
    expect(documents.map(documentTitle)).toEqual(['shipping', 'returns']);
    expect(documentTitle({ page_content: '', metadata: {} }, 2)).toBe('Document 3');
    expect(documentTitle({ id: 'd1', page_content: '', metadata: { doc_uri: 's3://bucket/' } }, 0)).toBe('bucket');
    expect(retrievedDocuments([{ page_content: 'x', metadata: { doc_uri: 7 } }])?.[0]?.metadata).toEqual({ doc_uri_value: 7 });
  });

  it('answers null for anything else, so the JSON view is used', () => {
    expect(retrievedDocuments([{ text: 'x' }])).toBeNull();
    expect(retrievedDocuments([])).toBeNull();
    expect(retrievedDocuments({ page_content: 'x' })).toBeNull();
  });
});
