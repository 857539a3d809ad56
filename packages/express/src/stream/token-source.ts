/**
 * One item of what a stream function yields: a text token, an OpenAI Chat Completions chunk
 * (`choices[0].delta.content`), or an OpenAI Responses stream event (`response.output_text.delta`).
 */
export type StreamChunk =
  | string
  | { choices?: readonly { delta?: { content?: string | null } | null }[] | null }
  | { type: string; delta?: unknown };

/** What a stream function may return (or resolve to). */
export type StreamSource = AsyncIterable<StreamChunk> | Iterable<StreamChunk>;

/**
 * The text an item carries; '' for items that carry none (role, finish or usage chunks, other
 * Responses events), so those are skipped rather than refused.
 * @example textOf({ choices: [{ delta: { content: 'Hi' } }] }) // 'Hi'
 */
export function textOf(chunk: unknown): string {
  if (typeof chunk === 'string') return chunk;
  if (typeof chunk !== 'object' || chunk === null) {
    // A plain Error on purpose: the client sees a generic error event, the host's onError this.
    throw new Error(`streamHandler: the stream function yielded ${chunk === null ? 'null' : typeof chunk}; yield strings or OpenAI stream chunks`);
  }
  const { choices } = chunk as { choices?: unknown };
  if (Array.isArray(choices)) {
    const content = (choices[0] as { delta?: { content?: unknown } | null } | undefined)?.delta?.content;
    return typeof content === 'string' ? content : '';
  }
  const event = chunk as { type?: unknown; delta?: unknown };
  if (event.type === 'response.output_text.delta' && typeof event.delta === 'string') return event.delta;
  return '';
}

/**
 * The async iterator of a stream function's result, refusing anything that is not iterable
 * with a message saying what to return.
 * @example const iterator = iteratorOf(await fn(context))
 */
export function iteratorOf(source: unknown): AsyncIterator<unknown> | Iterator<unknown> {
  if (typeof source === 'object' && source !== null) {
    const asyncIterate = (source as Partial<AsyncIterable<unknown>>)[Symbol.asyncIterator];
    if (typeof asyncIterate === 'function') return asyncIterate.call(source);
    const iterate = (source as Partial<Iterable<unknown>>)[Symbol.iterator];
    if (typeof iterate === 'function') return iterate.call(source);
  }
  throw new Error('streamHandler: the stream function must return an async iterable of text tokens (an async generator) or an OpenAI stream');
}
