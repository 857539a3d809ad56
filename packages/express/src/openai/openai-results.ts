// What an OpenAI call's span records, read by duck typing: `openai` is never imported at runtime.

/** Token counts in MLflow's form, stored as the `mlflow.chat.tokenUsage` attribute. */
export interface TokenUsage {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
}

/** MLflow's attribute keys for an LLM call's usage and message format. */
export const TOKEN_USAGE_KEY = 'mlflow.chat.tokenUsage';
export const MESSAGE_FORMAT_KEY = 'mlflow.message.format';
/** OpenTelemetry GenAI keys for the model asked for and the model that answered. */
export const REQUEST_MODEL_KEY = 'gen_ai.request.model';
export const RESPONSE_MODEL_KEY = 'gen_ai.response.model';

type Loose = Record<string, unknown>;

function isObject(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * MLflow's usage shape from any OpenAI usage object (Chat Completions' `prompt_tokens` /
 * `completion_tokens`, Responses' `input_tokens` / `output_tokens`, embeddings without output).
 * @example tokenUsage({ prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 }) // { input_tokens: 3, output_tokens: 5, total_tokens: 8 }
 */
export function tokenUsage(usage: unknown): TokenUsage | undefined {
  if (!isObject(usage)) return undefined;
  const input = count(usage.input_tokens) ?? count(usage.prompt_tokens) ?? 0;
  const output = count(usage.output_tokens) ?? count(usage.completion_tokens) ?? 0;
  return { input_tokens: input, output_tokens: output, total_tokens: count(usage.total_tokens) ?? input + output };
}

/** The usage and model a whole (non-streamed) result carries. */
export function resultFacts(result: unknown): { usage: TokenUsage | undefined; model: string | undefined } {
  if (!isObject(result)) return { usage: undefined, model: undefined };
  return { usage: tokenUsage(result.usage), model: typeof result.model === 'string' ? result.model : undefined };
}

/**
 * An embeddings result without its vectors: thousands of floats per input would fill the span's
 * size cap and say nothing a reader of the trace needs; the dimensions are kept.
 */
export function embeddingOutputs(result: unknown): unknown {
  if (!isObject(result) || !Array.isArray(result.data)) return result;
  const data = result.data.map((item: unknown) =>
    isObject(item) ? { index: item.index, dimensions: Array.isArray(item.embedding) ? item.embedding.length : undefined } : item,
  );
  return { ...result, data };
}

/** Gathers a streamed answer chunk by chunk into what the span records. */
export interface StreamAccumulator {
  add(chunk: unknown): void;
  outputs(): unknown;
  usage(): TokenUsage | undefined;
  model(): string | undefined;
}

/**
 * For Chat Completions (and legacy Completions) chunks: the text of the first choice, its
 * finish reason, and the usage chunk sent with `stream_options.include_usage`.
 */
export function choicesAccumulator(): StreamAccumulator {
  let id: unknown;
  let model: string | undefined;
  let content = '';
  let finishReason: unknown = null;
  let usage: unknown;
  return {
    add(chunk) {
      if (!isObject(chunk)) return;
      id ??= chunk.id;
      if (typeof chunk.model === 'string') model = chunk.model;
      if (isObject(chunk.usage)) usage = chunk.usage;
      const choice = Array.isArray(chunk.choices) ? (chunk.choices[0] as unknown) : undefined;
      if (!isObject(choice)) return;
      const delta = isObject(choice.delta) ? choice.delta.content : choice.text;
      if (typeof delta === 'string') content += delta;
      if (choice.finish_reason !== null && choice.finish_reason !== undefined) finishReason = choice.finish_reason;
    },
    outputs: () => ({
      id,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: finishReason }],
      ...(usage === undefined ? {} : { usage }),
    }),
    usage: () => tokenUsage(usage),
    model: () => model,
  };
}

/** For Responses stream events: the text deltas, or the final response once `response.completed` came. */
export function responsesAccumulator(): StreamAccumulator {
  let text = '';
  let response: Loose | undefined;
  return {
    add(event) {
      if (!isObject(event)) return;
      if (event.type === 'response.output_text.delta' && typeof event.delta === 'string') text += event.delta;
      if ((event.type === 'response.completed' || event.type === 'response.failed' || event.type === 'response.incomplete') && isObject(event.response)) {
        response = event.response;
      }
    },
    outputs: () => response ?? { output_text: text },
    usage: () => tokenUsage(response?.usage),
    model: () => (typeof response?.model === 'string' ? response.model : undefined),
  };
}
