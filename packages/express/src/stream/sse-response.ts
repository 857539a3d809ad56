import { encodeSseEvent } from '@verdict/core';
import type { StreamEvent } from '@verdict/core';
import type { Response } from 'express';
import type { StreamEncoder } from './ai-sdk-protocol';

/** The headers of every `text/event-stream` answer; `X-Accel-Buffering` stops nginx from buffering it. */
export const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
} as const;

/** The comment line sent while the answer is idle, so proxies do not close the connection. */
export const HEARTBEAT = ': ping\n\n';

/** An open event stream on one response. */
export interface SseResponse {
  /**
   * Writes and flushes one event. Returns a promise only when the socket's buffer is full: await
   * it before producing more, so a slow reader slows the producer instead of filling memory.
   * It settles on `drain`, or when the client goes away.
   */
  send(event: StreamEvent): Promise<void> | undefined;
  /** Stops the heartbeat and ends the response (if it is still open). */
  end(): void;
}

/** Options of {@link openSseResponse}. */
export interface SseResponseOptions {
  /** Idle time after which a heartbeat comment is sent; 0 turns heartbeats off. */
  heartbeatMs: number;
  /** How events become bytes, and the headers saying so. @default Verdict's own SSE events */
  encoder?: StreamEncoder;
}

type Flushable = Response & { flush?: () => void };

/**
 * Sends the SSE headers at once (so the client sees the stream open before the first token) and
 * returns the event writer.
 * @example const sse = openSseResponse(res, { heartbeatMs: 15_000 }); await sse.send({ type: 'token', content: 'Hi' }); sse.end();
 */
export function openSseResponse(res: Response, options: SseResponseOptions): SseResponse {
  const encoder = options.encoder ?? { headers: SSE_HEADERS, encode: encodeSseEvent };
  res.writeHead(200, encoder.headers);
  res.flushHeaders();
  const flushable = res as Flushable;
  let draining: Promise<void> | undefined;
  // A flag rather than a timer reset per token: writing stays cheap, and the silence before a
  // ping lies between one and two intervals, well under any proxy's idle timeout.
  let wroteSinceTick = true;

  function writable(): boolean {
    return !res.writableEnded && !res.destroyed;
  }

  function write(text: string): Promise<void> | undefined {
    if (!writable()) return undefined;
    const ok = res.write(text);
    // compression() buffers until told to flush; every event must reach the client now.
    flushable.flush?.();
    if (ok) return undefined;
    draining ??= new Promise<void>((resolve) => {
      const done = (): void => {
        res.off('drain', done);
        res.off('close', done);
        draining = undefined;
        resolve();
      };
      res.on('drain', done);
      res.on('close', done);
    });
    return draining;
  }

  const heartbeat =
    options.heartbeatMs > 0
      ? setInterval(() => {
          // A full buffer is not idleness: the proxy is still receiving bytes.
          if (!wroteSinceTick && draining === undefined) void write(HEARTBEAT);
          wroteSinceTick = false;
        }, options.heartbeatMs)
      : undefined;
  heartbeat?.unref();

  return {
    send(event) {
      wroteSinceTick = true;
      return write(encoder.encode(event));
    },
    end() {
      if (heartbeat !== undefined) clearInterval(heartbeat);
      if (writable()) res.end();
    },
  };
}
