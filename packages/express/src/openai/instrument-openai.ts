import type { SpanType } from '@verdict/core';
import { startSpan } from '../tracing';
import type { VerdictSpan } from '../tracing';
import {
  MESSAGE_FORMAT_KEY,
  REQUEST_MODEL_KEY,
  RESPONSE_MODEL_KEY,
  TOKEN_USAGE_KEY,
  choicesAccumulator,
  embeddingOutputs,
  resultFacts,
  responsesAccumulator,
} from './openai-results';
import type { StreamAccumulator } from './openai-results';
import { traceStream } from './traced-stream';

/** One traced method of the client: where it lives and how its result is recorded. */
interface Endpoint {
  path: readonly string[];
  name: string;
  spanType: SpanType;
  outputs?: (result: unknown) => unknown;
  accumulator?: () => StreamAccumulator;
}

// Span types as MLflow's OpenAI autologging sets them.
const ENDPOINTS: readonly Endpoint[] = [
  { path: ['chat', 'completions'], name: 'openai.chat.completions.create', spanType: 'CHAT_MODEL', accumulator: choicesAccumulator },
  { path: ['responses'], name: 'openai.responses.create', spanType: 'CHAT_MODEL', accumulator: responsesAccumulator },
  { path: ['completions'], name: 'openai.completions.create', spanType: 'LLM', accumulator: choicesAccumulator },
  { path: ['embeddings'], name: 'openai.embeddings.create', spanType: 'EMBEDDING', outputs: embeddingOutputs },
];

type Create = (this: unknown, params: unknown, options?: unknown) => unknown;
type Resource = { create?: Create };

// Per resource object, so instrumenting a client twice never makes two spans per call.
const instrumented = new WeakSet<object>();

function resourceAt(client: object, path: readonly string[]): Resource | undefined {
  let node: unknown = client;
  for (const key of path) node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  return typeof node === 'object' && node !== null ? (node as Resource) : undefined;
}

function fail(span: VerdictSpan, error: unknown): void {
  span.recordException(error);
  span.setStatus('ERROR', error instanceof Error ? error.message : String(error));
  span.end();
}

function succeed(span: VerdictSpan, endpoint: Endpoint, result: unknown): void {
  const { usage, model } = resultFacts(result);
  span.setOutputs(endpoint.outputs ? endpoint.outputs(result) : result);
  span.setAttributes({
    ...(usage === undefined ? {} : { [TOKEN_USAGE_KEY]: usage }),
    ...(model === undefined ? {} : { [RESPONSE_MODEL_KEY]: model }),
  });
  span.setStatus('OK');
  span.end();
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

function isAsyncIterable(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Symbol.asyncIterator in value;
}

function tracedCreate(endpoint: Endpoint, original: Create, resource: Resource): Create {
  return function create(params, options) {
    const model = (params as { model?: unknown } | null)?.model;
    const span = startSpan({
      name: endpoint.name,
      spanType: endpoint.spanType,
      inputs: params,
      attributes: { [MESSAGE_FORMAT_KEY]: 'openai', ...(typeof model === 'string' ? { [REQUEST_MODEL_KEY]: model } : {}) },
    });
    let result: unknown;
    try {
      result = original.call(resource, params, options);
    } catch (error) {
      fail(span, error);
      throw error;
    }
    // The SDK's APIPromise goes back untouched (`withResponse()`, `asResponse()` keep working).
    // The span follows it through a `then` registered now, before the caller's own, so a Stream
    // is patched before the caller can read it.
    const streaming = (params as { stream?: unknown } | null)?.stream === true;
    const onValue = (value: unknown): void => {
      try {
        if (streaming && endpoint.accumulator && isAsyncIterable(value)) traceStream(value, span, endpoint.accumulator());
        else succeed(span, endpoint, value);
      } catch {
        // Recording must never fail the caller's call; the span still ends.
        span.end();
      }
    };
    if (isThenable(result)) result.then(onValue, (error: unknown) => fail(span, error));
    else onValue(result);
    return result;
  };
}

/**
 * Traces an official `openai` client (v5 or later), like MLflow's OpenAI autologging: each
 * `chat.completions.create` (plain or `stream: true`), `responses.create`, `completions.create` and
 * `embeddings.create` becomes a span (`CHAT_MODEL`, `CHAT_MODEL`, `LLM`, `EMBEDDING`) in the current
 * trace — or a trace of its own outside one — with the request as inputs, the result as outputs,
 * `mlflow.chat.tokenUsage` `{ input_tokens, output_tokens, total_tokens }`, the model, and errors.
 * A streamed call's span ends when its stream is read to the end, fails, is left early or aborted.
 * The client is patched in place and returned; its types are unchanged and `openai` is never
 * imported by Verdict. Embedding vectors are recorded as their dimensions only.
 * @example
 * const openai = instrumentOpenAI(new OpenAI());
 * v.router.post('/chat/stream', v.streamHandler(({ message, signal }) =>
 *   openai.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: message }], stream: true }, { signal })));
 */
export function instrumentOpenAI<Client extends object>(client: Client): Client {
  if (typeof client !== 'object' || client === null) throw new TypeError('instrumentOpenAI(client) needs an OpenAI client: instrumentOpenAI(new OpenAI())');
  for (const endpoint of ENDPOINTS) {
    const resource = resourceAt(client, endpoint.path);
    const original = resource?.create;
    if (resource === undefined || typeof original !== 'function' || instrumented.has(resource)) continue;
    instrumented.add(resource);
    // An own property shadowing the prototype's method: other clients stay untouched.
    Object.defineProperty(resource, 'create', { value: tracedCreate(endpoint, original, resource), configurable: true, writable: true });
  }
  return client;
}
