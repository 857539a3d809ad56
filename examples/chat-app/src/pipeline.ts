import type { ChatMessage, Document } from '@verdict/core';
import { KNOWLEDGE_BASE } from './knowledge-base';
import { contextPrompt, type ChatModel } from './models';
import { keywords, rankDocuments } from './retrieval';

/** How a pipeline step is wrapped: Verdict's `trace` in the app, the identity in the untraced baseline. */
export type Wrap = <F extends (...args: never[]) => unknown>(fn: F, options: { name: string; spanType: 'PARSER' | 'RETRIEVER' | 'CHAIN' | 'CHAT_MODEL' }) => F;

/** The identity wrapper: the same pipeline with no tracing at all (the benchmark's baseline). */
export const untraced: Wrap = (fn) => fn;

/**
 * The example's RAG pipeline: four steps (query rewrite, retrieval, prompt, generation), each one
 * span when wrapped with Verdict's `trace`.
 */
export function createPipeline(model: ChatModel, wrap: Wrap) {
  const rewriteQuery = wrap((question: string): string[] => keywords(question), { name: 'rewrite_query', spanType: 'PARSER' });
  const retrieve = wrap((query: string[]): Document[] => rankDocuments(query, KNOWLEDGE_BASE, 3), { name: 'retrieve', spanType: 'RETRIEVER' });
  const buildPrompt = wrap(
    (question: string, documents: Document[], history: ChatMessage[]): ChatMessage[] => [
      { role: 'system', content: contextPrompt(documents) },
      ...history,
      { role: 'user', content: question },
    ],
    { name: 'build_prompt', spanType: 'CHAIN' },
  );
  const generate = wrap(
    async (messages: ChatMessage[], signal?: AbortSignal) => model.complete(messages, signal),
    { name: 'generate', spanType: 'CHAT_MODEL' },
  );

  return async function answer(question: string, history: ChatMessage[] = [], signal?: AbortSignal): Promise<string> {
    const documents = retrieve(rewriteQuery(question));
    const completion = await generate(buildPrompt(question, documents, history), signal);
    return completion.text;
  };
}
