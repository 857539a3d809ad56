import type { Document, JsonObject, Trace } from '@verdict/core';

/**
 * The request of a row as text: a `question`, `message`, `query`, `input` or `prompt` string, else the inputs as JSON.
 * @example requestText({ question: 'Capital of France?' }) // 'Capital of France?'
 */
export function requestText(inputs: JsonObject): string {
  for (const key of ['question', 'message', 'query', 'input', 'prompt', 'request']) {
    const value = inputs[key];
    if (typeof value === 'string') return value;
  }
  return JSON.stringify(inputs);
}

/**
 * The documents the trace's `RETRIEVER` spans returned, in span order.
 * @example retrievedDocuments(trace).map((document) => document.page_content)
 */
export function retrievedDocuments(trace: Trace | undefined): Document[] {
  if (trace === undefined) return [];
  return trace.data.spans
    .filter((span) => span.span_type === 'RETRIEVER' && Array.isArray(span.outputs))
    .flatMap((span) => span.outputs as Document[])
    .filter((document) => typeof document?.page_content === 'string');
}
