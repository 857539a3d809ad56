import { VerdictError } from '@verdict/core';
import type { Response } from 'express';

/** An abort signal tied to one response, and the way to stop watching it. */
export interface DisconnectSignal {
  signal: AbortSignal;
  /** Stops listening; call it when the handler is done with the response. */
  release(): void;
}

/**
 * Aborts when the client goes away before the response finished (it disconnected or pressed
 * stop), so the LLM call behind the answer stops too.
 * @example const { signal, release } = abortOnDisconnect(res); try { await llm(message, { signal }) } finally { release() }
 */
export function abortOnDisconnect(res: Response): DisconnectSignal {
  const controller = new AbortController();
  // `close` before the response finished means nobody is reading any more.
  const onClose = (): void => {
    if (!res.writableFinished) controller.abort(new VerdictError('UNAVAILABLE', 'the client disconnected'));
  };
  res.on('close', onClose);
  return { signal: controller.signal, release: () => res.off('close', onClose) };
}
