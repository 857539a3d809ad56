import type { ChatMessage, Document } from '@verdict/core';
import { trace } from '@verdict/express';
import { KNOWLEDGE_BASE } from './knowledge-base';
import { contextPrompt, type ChatModel } from './models';
import { keywords, rankDocuments } from './retrieval';
import { tracedStream } from './traced-stream';

/** How a pipeline step is wrapped: Verdict's `trace` in the app, the identity in the untraced baseline. */
export type Wrap = <F extends (...args: never[]) => unknown>(fn: F, options: { name: string; spanType: 'PARSER' | 'RETRIEVER' | 'CHAIN' | 'CHAT_MODEL' }) => F;

/** The identity wrapper: the same pipeline with no tracing at all (the benchmark's baseline). */
export const untraced: Wrap = (fn) => fn;

/** How a pipeline answers: the knobs the Evaluate page compares (two settings, one dataset). */
export interface PipelineSettings {
  /** Articles retrieved into the prompt. @default 3 */
  topK?: number;
  /** The system prompt's instruction. @default contextPrompt's own */
  instruction?: string;
}

/** The steps before generation, shared by the plain and the streamed answer: question → prompt messages. */
function promptSteps(wrap: Wrap, settings: PipelineSettings = {}) {
  const rewriteQuery = wrap((question: string): string[] => keywords(question), { name: 'rewrite_query', spanType: 'PARSER' });
  const retrieve = wrap((query: string[]): Document[] => rankDocuments(query, KNOWLEDGE_BASE, settings.topK ?? 3), { name: 'retrieve', spanType: 'RETRIEVER' });
  const buildPrompt = wrap(
    (question: string, documents: Document[], history: ChatMessage[]): ChatMessage[] => [
      { role: 'system', content: contextPrompt(documents, settings.instruction) },
      ...history,
      { role: 'user', content: question },
    ],
    { name: 'build_prompt', spanType: 'CHAIN' },
  );
  return (question: string, history: ChatMessage[]): ChatMessage[] => buildPrompt(question, retrieve(rewriteQuery(question)), history);
}

/**
 * The example's RAG pipeline: four steps (query rewrite, retrieval, prompt, generation), each one
 * span when wrapped with Verdict's `trace`.
 * @example const answer = createPipeline(demoModel(), trace); const text = await answer('How long does shipping take?');
 */
export function createPipeline(model: ChatModel, wrap: Wrap, settings: PipelineSettings = {}) {
  const prompt = promptSteps(wrap, settings);
  const generate = wrap(
    async (messages: ChatMessage[], signal?: AbortSignal) => model.complete(messages, signal),
    { name: 'generate', spanType: 'CHAT_MODEL' },
  );

  return async function answer(question: string, history: ChatMessage[] = [], signal?: AbortSignal): Promise<string> {
    const completion = await generate(prompt(question, history), signal);
    return completion.text;
  };
}

/**
 * The same pipeline with a streamed generation step: the first three steps are traced calls, and
 * `generate` is one `CHAT_MODEL` span lasting as long as the model's stream, holding the text so
 * far when the user stops.
 * @example v.streamHandler(({ message, messages, signal }) => createStreamingPipeline(model)(message, messages, signal))
 */
export function createStreamingPipeline(model: ChatModel) {
  const prompt = promptSteps(trace);
  return async function* answerStream(question: string, history: ChatMessage[] = [], signal?: AbortSignal): AsyncGenerator<string, void, undefined> {
    const messages = prompt(question, history);
    yield* tracedStream({ name: 'generate', spanType: 'CHAT_MODEL', inputs: { messages } }, () => model.stream(messages, signal), signal);
  };
}
