import type { JsonValue, Span } from '@verdict/core';

/** One message of a chat transcript, reduced to what a reader needs. */
export interface TranscriptMessage {
  role: string;
  content: string;
  /** Tool calls the message asks for, as `name(arguments)`. */
  toolCalls: string[];
}

/** Token counts in MLflow's form (`mlflow.chat.tokenUsage`). */
export interface TokenCounts {
  input_tokens?: number;
  output_tokens?: number;
  total_tokens?: number;
}

type Loose = Record<string, JsonValue>;

const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null && !Array.isArray(value);

// OpenAI content is a string, null, or a list of parts ({ type: 'text' | 'input_text' | 'output_text', text }).
function contentText(content: JsonValue | undefined): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (typeof part === 'string' ? part : isObject(part) && typeof part.text === 'string' ? part.text : isObject(part) ? `[${String(part.type ?? 'part')}]` : ''))
    .join('\n');
}

function toolCallsOf(message: Loose): string[] {
  if (!Array.isArray(message.tool_calls)) return [];
  return message.tool_calls.flatMap((call) => {
    const fn = isObject(call) && isObject(call.function) ? call.function : undefined;
    return fn === undefined ? [] : [`${String(fn.name ?? 'tool')}(${typeof fn.arguments === 'string' ? fn.arguments : JSON.stringify(fn.arguments ?? {})})`];
  });
}

function toMessage(value: JsonValue): TranscriptMessage | null {
  if (!isObject(value) || typeof value.role !== 'string') return null;
  return { role: value.role, content: contentText(value.content), toolCalls: toolCallsOf(value) };
}

/** The request's messages: Chat Completions' `messages`, Responses' `input` (a list or a string), or a Completions `prompt`. */
function requestMessages(inputs: JsonValue | undefined): TranscriptMessage[] | null {
  if (!isObject(inputs)) return null;
  const list = Array.isArray(inputs.messages) ? inputs.messages : Array.isArray(inputs.input) ? inputs.input : null;
  if (list !== null) {
    const messages = list.map(toMessage);
    return messages.every((message) => message !== null) && messages.length > 0 ? (messages as TranscriptMessage[]) : null;
  }
  // Responses' string input, or legacy Completions' prompt.
  const text = typeof inputs.input === 'string' ? inputs.input : typeof inputs.prompt === 'string' ? inputs.prompt : null;
  return text === null ? null : [{ role: 'user', content: text, toolCalls: [] }];
}

/** The answer: the first choice (message or Completions `text`), Responses' output messages or `output_text`, or `content`. */
function replyMessages(outputs: JsonValue | undefined): TranscriptMessage[] {
  if (typeof outputs === 'string') return [{ role: 'assistant', content: outputs, toolCalls: [] }];
  if (!isObject(outputs)) return [];
  if (Array.isArray(outputs.choices)) {
    const first = outputs.choices[0];
    if (isObject(first) && typeof first.text === 'string') return [{ role: 'assistant', content: first.text, toolCalls: [] }];
    const message = isObject(first) ? toMessage(first.message ?? null) : null;
    return message === null ? [] : [message];
  }
  if (Array.isArray(outputs.output)) {
    const messages = outputs.output.filter((item) => isObject(item) && item.type === 'message').map(toMessage);
    if (messages.length > 0) return messages.filter((message): message is TranscriptMessage => message !== null);
  }
  for (const key of ['output_text', 'content', 'response'] as const) {
    const text = outputs[key];
    if (typeof text === 'string') return [{ role: 'assistant', content: text, toolCalls: [] }];
  }
  return [];
}

/**
 * The span as a chat transcript (request messages, then the answer), or null when its inputs hold
 * no messages. Reads the shapes `instrumentOpenAI()` records for Chat Completions and Responses.
 * @example chatTranscript(span)?.map((message) => message.role) // ['system', 'user', 'assistant']
 */
export function chatTranscript(span: Pick<Span, 'inputs' | 'outputs'>): TranscriptMessage[] | null {
  const request = requestMessages(span.inputs);
  return request === null ? null : [...request, ...replyMessages(span.outputs)];
}

function count(value: JsonValue | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * The span's token usage: the `mlflow.chat.tokenUsage` attribute (an object, or JSON text when a
 * foreign span stored it as a string), else the OpenAI `usage` of its outputs.
 * @example tokenCounts(span) // { input_tokens: 96, output_tokens: 14, total_tokens: 110 }
 */
export function tokenCounts(span: Pick<Span, 'attributes' | 'outputs'>): TokenCounts | null {
  let usage: JsonValue | undefined = span.attributes['mlflow.chat.tokenUsage'];
  if (typeof usage === 'string') {
    try {
      usage = JSON.parse(usage) as JsonValue;
    } catch {
      usage = undefined;
    }
  }
  if (!isObject(usage) && isObject(span.outputs) && isObject(span.outputs.usage)) usage = span.outputs.usage;
  if (!isObject(usage)) return null;
  const input = count(usage.input_tokens) ?? count(usage.prompt_tokens);
  const output = count(usage.output_tokens) ?? count(usage.completion_tokens);
  const total = count(usage.total_tokens) ?? (input !== undefined && output !== undefined ? input + output : undefined);
  if (input === undefined && output === undefined && total === undefined) return null;
  return { input_tokens: input, output_tokens: output, total_tokens: total };
}
