// A scripted stand-in for the Verdict routes, so every story (and its test) runs without a server.
import { failure, json, never, notScripted, requestOf, sseEvent } from './scripted-response';

/** One streamed answer: its tokens, then how the stream ends. */
export interface AnswerScript {
  tokens: readonly string[];
  /** 'done' closes normally, 'hang' never ends (stays streaming), a string is sent as an `error` event. */
  end?: 'done' | 'hang' | { error: string };
}

/** How the fake routes answer. Everything is fixed up front, so a story renders the same every time. */
export interface TransportScript {
  /** Answers of `POST /chat/stream`, one per turn, the last one repeated. */
  answers?: readonly AnswerScript[];
  /** The user's stored votes that `GET /feedback` reads back, by name (`user_feedback`, `user_accuracy`, …). */
  stored?: Record<string, { value: boolean | number; rationale?: string }>;
  /** How feedback writes answer: stored, never answered (submitting forever), or refused with this message. */
  writes?: 'ok' | 'pending' | { error: string };
  /** Milliseconds between streamed events; small enough for tests, visible in Storybook. */
  tokenDelayMs?: number;
}

const TRACE = 'tr-0123456789abcdef0123456789abcdef';

const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(timer), reject(new DOMException('Aborted', 'AbortError'))), { once: true });
  });

/** Answers `answer` as server-sent events, pausing between them like a model would. */
function sseResponse(answer: AnswerScript, turn: number, delayMs: number, signal: AbortSignal | undefined): Response {
  const traceId = `tr-${turn.toString(16).padStart(32, '0')}`;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const emit = (event: object) => controller.enqueue(sseEvent(event));
      try {
        emit({ type: 'start', trace_id: traceId, message_id: `msg-${turn}`, feedback_token: `token-${turn}` });
        for (const content of answer.tokens) {
          await sleep(delayMs, signal);
          emit({ type: 'token', content });
        }
        const end = answer.end ?? 'done';
        if (end === 'hang') return;
        await sleep(delayMs, signal);
        emit(end === 'done' ? { type: 'done', trace_id: traceId, feedback_token: `token-${turn}` } : { type: 'error', error: end.error });
        controller.close();
      } catch (error) {
        // Stop pressed: the reader sees the abort, as with a real fetch.
        controller.error(error);
      }
    },
  });
  return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
}

/**
 * A `fetch` that answers the Verdict routes from `script`: pass it to `<VerdictProvider fetch>`.
 * @example <VerdictProvider baseUrl="/api" fetch={scriptedFetch({ writes: 'pending' })}>…</VerdictProvider>
 */
export function scriptedFetch(script: TransportScript): typeof globalThis.fetch {
  const { answers = [{ tokens: ['Hello!'] }], stored = {}, writes = 'ok', tokenDelayMs = 20 } = script;
  let turn = 0;
  return async (input, init) => {
    const { url, method, path } = requestOf(input, init);
    const route = `${method} ${path}`;
    if (route === 'POST /chat/stream') {
      turn += 1;
      const answer = answers[Math.min(turn, answers.length) - 1] ?? { tokens: [] };
      return sseResponse(answer, turn, tokenDelayMs, init?.signal ?? undefined);
    }
    if (route === 'GET /feedback') return json({ trace_id: url.searchParams.get('trace_id') ?? TRACE, feedback: withIds(stored) });
    if (route === 'POST /feedback' || route === 'POST /detailed-feedback' || route === 'DELETE /feedback') {
      if (writes === 'pending') return never();
      if (writes !== 'ok') return failure(503, 'UNAVAILABLE', writes.error);
      if (method === 'DELETE') return new Response(null, { status: 204 });
      return json({ status: 'success', trace_id: url.searchParams.get('trace_id') ?? TRACE });
    }
    return notScripted(route);
  };
}

function withIds(stored: NonNullable<TransportScript['stored']>) {
  return Object.fromEntries(Object.entries(stored).map(([name, entry]) => [name, { assessment_id: `a-${name}`, ...entry }]));
}

/** A well-formed trace id for stories that rate one answer. */
export const STORY_TRACE_ID = TRACE;
