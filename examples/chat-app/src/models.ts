import type { ChatMessage, Document } from '@verdict/core';
import { instrumentOpenAI } from '@verdict/express';
import OpenAI from 'openai';

/** What the pipeline needs from a language model. */
export interface ChatModel {
  readonly name: string;
  complete(messages: ChatMessage[], signal?: AbortSignal): Promise<{ text: string; usage: { input_tokens: number; output_tokens: number } }>;
  /** The answer as text tokens while they are produced; ends early, without an error, once `signal` aborts. */
  stream(messages: ChatMessage[], signal?: AbortSignal): AsyncIterable<string>;
}

/** Options of {@link demoModel}. */
export interface DemoModelOptions {
  /** Pause before each streamed word, so the page shows the answer arriving and a stop can land mid-answer. @default 0 */
  tokenDelayMs?: number;
}

const DEMO_LABEL = '[offline demo model]';

/**
 * A deterministic stand-in for an LLM: it answers with the sentences of the retrieved context that
 * share the most words with the question. It is labelled as a demo in every answer, and streams
 * that same answer word by word.
 * @example const model = demoModel({ tokenDelayMs: 15 }); for await (const word of model.stream(messages)) process.stdout.write(word);
 */
export function demoModel(options: DemoModelOptions = {}): ChatModel {
  const delayMs = options.tokenDelayMs ?? 0;
  function answerTo(messages: ChatMessage[]) {
    const question = messages.findLast((message) => message.role === 'user')?.content ?? '';
    const context = messages.find((message) => message.role === 'system')?.content ?? '';
    const text = `${DEMO_LABEL} ${groundedAnswer(question, context)}`;
    return { text, usage: { input_tokens: countTokens(question + context), output_tokens: countTokens(text) } };
  }
  return {
    name: 'verdict-demo-model',
    complete: async (messages) => answerTo(messages),
    async *stream(messages, signal) {
      for (const word of answerTo(messages).text.match(/\S+\s*/g) ?? []) {
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        if (signal?.aborted === true) return;
        yield word;
      }
    },
  };
}

function countTokens(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function groundedAnswer(question: string, context: string): string {
  const asked = new Set(question.toLowerCase().split(/[^a-z0-9]+/).filter((word) => word.length > 2));
  // The first line is the instruction, the rest are the articles under their [title] lines.
  const sentences = context
    .split('\n')
    .slice(1)
    .filter((line) => !line.startsWith('['))
    .flatMap((line) => line.split(/(?<=\.)\s+/))
    .filter(Boolean);
  const scored = sentences
    .map((sentence, index) => ({ sentence, index, score: sentence.toLowerCase().split(/[^a-z0-9]+/).filter((word) => asked.has(word)).length }))
    .filter((entry) => entry.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, 2)
    .sort((a, b) => a.index - b.index);
  if (scored.length === 0) return "I don't know: none of the help articles covers that.";
  return scored.map((entry) => entry.sentence).join(' ');
}

/**
 * A real model through the official `openai` client (any OpenAI-compatible base URL), instrumented
 * so each call is a `CHAT_MODEL` span with the prompt, the answer and the token usage.
 * @example const model = openAIModel({ apiKey: process.env.OPENAI_API_KEY, model: 'gpt-4o-mini' })
 */
export function openAIModel(options: { apiKey?: string; baseURL?: string; model: string }): ChatModel {
  const client = instrumentOpenAI(new OpenAI({ apiKey: options.apiKey ?? 'not-needed', baseURL: options.baseURL }));
  return {
    name: options.model,
    async complete(messages, signal) {
      const completion = await client.chat.completions.create({ model: options.model, messages }, { signal });
      return {
        text: completion.choices[0]?.message.content ?? '',
        usage: { input_tokens: completion.usage?.prompt_tokens ?? 0, output_tokens: completion.usage?.completion_tokens ?? 0 },
      };
    },
    async *stream(messages, signal) {
      try {
        // include_usage: the last chunk carries the token counts the span records.
        const chunks = await client.chat.completions.create({ model: options.model, messages, stream: true, stream_options: { include_usage: true } }, { signal });
        for await (const chunk of chunks) {
          const content = chunk.choices[0]?.delta?.content;
          if (content) yield content;
        }
      } catch (error) {
        // The client throws on abort; for the pipeline a stop is an answer that ended early.
        if (signal?.aborted === true) return;
        throw error;
      }
    },
  };
}

/** Formats retrieved documents as the system prompt's context block. */
export function contextPrompt(documents: Document[], instruction = "Answer the customer's question using only these help articles. Say so when they do not cover it."): string {
  const sources = documents.map((document) => `[${String(document.metadata.title ?? document.id)}]\n${document.page_content}`);
  return `${instruction}\n${sources.join('\n')}`;
}
