// Test-only (never exported from index.ts): a small OpenAI-compatible HTTP server on 127.0.0.1,
// so the real `openai` client can be exercised without a network or a key.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Options of {@link startOpenAICompatibleServer}. */
export interface OpenAICompatibleServerOptions {
  /** Pause before each streamed chunk. @default 0 */
  tokenDelayMs?: number;
  /** When set, a stream sends this many content chunks, then an error event, then ends. */
  failAfterTokens?: number;
  /** The answer to the last user message. @default `You said: ${text}` */
  answer?: (text: string) => string;
  /**
   * Scripts each non-streamed `/chat/completions` answer: called with the request body, its user
   * text and its number (0-based, in arrival order); `undefined` falls back to `answer`.
   */
  script?: (request: { body: Record<string, unknown>; text: string; index: number }) => ScriptedReply | undefined;
  /** Pause before every non-streamed `/chat/completions` answer (a judge's latency). @default 0 */
  latencyMs?: number;
}

/**
 * One scripted answer: assistant `content` (e.g. `judgeReply(true, 'ok')` or malformed text), an
 * HTTP error `status` (429 with an optional `retry-after-ms`), or `hang` (never answers: a timeout).
 */
export type ScriptedReply = { content: string } | { status: number; message?: string; retryAfterMs?: number } | { hang: true };

/**
 * The JSON a judge answers with structured output.
 * @example judgeReply(true, 'matches the expected answer') // '{"rationale":"matches the expected answer","value":true}'
 */
export function judgeReply(value: unknown, rationale = 'scripted'): string {
  return JSON.stringify({ rationale, value });
}

/** A listening server; `baseURL` goes to `new OpenAI({ baseURL, apiKey: 'test' })`. */
export interface OpenAICompatibleServer {
  /** `http://127.0.0.1:<port>/v1` */
  baseURL: string;
  /** Every request body received, by path, in order. */
  requests: { path: string; body: Record<string, unknown> }[];
  /** How many answers the client hung up on before they were complete. */
  readonly abandoned: number;
  close(): Promise<void>;
}

type Body = Record<string, unknown>;

/** A request for this model is refused with a 400, to test error spans. */
export const FAILING_MODEL = 'fail-model';
const CREATED = 1_700_000_000;

function words(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (part as { text?: string }).text ?? '').join('');
  return '';
}

function lastUserText(body: Body): string {
  if (typeof body.input === 'string') return body.input;
  const messages = (Array.isArray(body.messages) ? body.messages : Array.isArray(body.input) ? body.input : []) as { role?: string; content?: unknown }[];
  return textOf(messages.filter((message) => message.role === 'user').at(-1)?.content);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Body> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return JSON.parse(Buffer.concat(parts).toString('utf8')) as Body;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function streamChat(res: ServerResponse, body: Body, tokens: string[], usage: Body, options: OpenAICompatibleServerOptions): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const base = { id: 'chatcmpl-test', object: 'chat.completion.chunk', created: CREATED, model: body.model };
  const send = (chunk: unknown): boolean => res.write(`data: ${JSON.stringify(chunk)}\n\n`);
  send({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
  for (const [index, token] of tokens.entries()) {
    if (res.destroyed) return;
    if (options.failAfterTokens !== undefined && index === options.failAfterTokens) {
      send({ error: { message: 'the model failed mid-stream', type: 'server_error', code: 'model_error' } });
      res.end();
      return;
    }
    if (options.tokenDelayMs) await sleep(options.tokenDelayMs);
    send({ ...base, choices: [{ index: 0, delta: { content: token }, finish_reason: null }] });
  }
  send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
  const streamOptions = body.stream_options as { include_usage?: boolean } | undefined;
  if (streamOptions?.include_usage === true) send({ ...base, choices: [], usage });
  res.end('data: [DONE]\n\n');
}

async function chatCompletions(res: ServerResponse, body: Body, options: OpenAICompatibleServerOptions, index: number): Promise<void> {
  const messages = (body.messages ?? []) as { content?: unknown }[];
  const scripted = body.stream === true ? undefined : options.script?.({ body, text: lastUserText(body), index });
  if (body.stream !== true && options.latencyMs) await sleep(options.latencyMs);
  if (scripted !== undefined && 'hang' in scripted) return;
  if (scripted !== undefined && 'status' in scripted) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (scripted.retryAfterMs !== undefined) headers['retry-after-ms'] = String(scripted.retryAfterMs);
    res.writeHead(scripted.status, headers);
    res.end(JSON.stringify({ error: { message: scripted.message ?? `scripted ${scripted.status}`, type: scripted.status === 429 ? 'rate_limit_error' : 'server_error' } }));
    return;
  }
  const content = scripted !== undefined ? scripted.content : (options.answer ?? ((text) => `You said: ${text}`))(lastUserText(body));
  const tokens = words(content);
  const promptTokens = messages.reduce((sum, message) => sum + words(textOf(message.content)).length, 0);
  const usage = { prompt_tokens: promptTokens, completion_tokens: tokens.length, total_tokens: promptTokens + tokens.length };
  if (body.stream === true) return streamChat(res, body, tokens, usage, options);
  sendJson(res, 200, {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: CREATED,
    model: body.model,
    choices: [{ index: 0, message: { role: 'assistant', content, refusal: null }, finish_reason: 'stop', logprobs: null }],
    usage,
  });
}

function responses(res: ServerResponse, body: Body, options: OpenAICompatibleServerOptions): void {
  const input = lastUserText(body);
  const text = (options.answer ?? ((question) => `You said: ${question}`))(input);
  const usage = { input_tokens: words(input).length, output_tokens: words(text).length, total_tokens: words(input).length + words(text).length };
  sendJson(res, 200, {
    id: 'resp_test',
    object: 'response',
    created_at: CREATED,
    status: 'completed',
    model: body.model,
    output: [{ type: 'message', id: 'msg_test', status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [] }] }],
    usage,
  });
}

function embeddings(res: ServerResponse, body: Body): void {
  const inputs = Array.isArray(body.input) ? (body.input as unknown[]) : [body.input];
  // Deterministic vectors: the same text always gets the same embedding.
  const vector = (text: string): number[] => [text.length, words(text).length, text.charCodeAt(0) || 0];
  const tokens = inputs.reduce<number>((sum, input) => sum + words(String(input)).length, 0);
  sendJson(res, 200, {
    object: 'list',
    model: body.model,
    data: inputs.map((input, index) => ({ object: 'embedding', index, embedding: vector(String(input)) })),
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}

/**
 * Starts the server on 127.0.0.1 with an ephemeral port. Answers are deterministic: the chat
 * answer is `You said: <last user message>`, streamed word by word.
 * @example const llm = await startOpenAICompatibleServer(); const client = new OpenAI({ baseURL: llm.baseURL, apiKey: 'test' });
 */
export async function startOpenAICompatibleServer(options: OpenAICompatibleServerOptions = {}): Promise<OpenAICompatibleServer> {
  const requests: OpenAICompatibleServer['requests'] = [];
  let abandoned = 0;
  let completions = 0;
  const server = createServer((req, res) => {
    res.on('close', () => {
      if (!res.writableFinished) abandoned += 1;
    });
    void (async () => {
      const path = (req.url ?? '').split('?')[0] ?? '';
      const body = req.method === 'POST' ? await readBody(req) : {};
      requests.push({ path, body });
      if (body.model === FAILING_MODEL) {
        return sendJson(res, 400, { error: { message: `The model ${FAILING_MODEL} does not exist`, type: 'invalid_request_error', param: 'model', code: 'model_not_found' } });
      }
      if (req.method === 'POST' && path === '/v1/chat/completions') return chatCompletions(res, body, options, completions++);
      if (req.method === 'POST' && path === '/v1/responses') return responses(res, body, options);
      if (req.method === 'POST' && path === '/v1/embeddings') return embeddings(res, body);
      sendJson(res, 404, { error: { message: `no route ${req.method} ${path}`, type: 'invalid_request_error' } });
    })().catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: 'server_error' } });
      else res.destroy();
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    get abandoned() {
      return abandoned;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
