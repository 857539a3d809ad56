import type { ChatRequest } from '../schemas/chat';
import type { StreamEvent } from '../schemas/stream';
import { parseSseStream } from '../stream/sse';
import { send } from './send';
import type { Transport } from './send';

/** Per-call options of `streamChat`. */
export interface StreamChatOptions {
  /** Aborts the request and the download; the server then stops generating. */
  signal?: AbortSignal;
  /**
   * The streaming route, relative to `baseUrl`.
   * @default '/chat/stream'
   */
  path?: string;
}

/**
 * POSTs a chat request and yields its server-sent events as they arrive. A non-2xx answer
 * throws `HttpError` before the first event, like every other client call.
 * @example for await (const event of openChatStream(transport, { message: 'Hi' })) console.log(event.type);
 */
export async function* openChatStream(
  transport: Transport,
  request: ChatRequest,
  options: StreamChatOptions = {},
): AsyncGenerator<StreamEvent, void, undefined> {
  const response = await send(transport, {
    method: 'POST',
    path: options.path ?? '/chat/stream',
    body: request,
    accept: 'text/event-stream',
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  if (response.body === null) return;
  yield* parseSseStream(response.body);
}
