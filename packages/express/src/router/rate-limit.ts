import { VerdictError } from '@verdict/core';
import type { Request, RequestHandler } from 'express';
import { sendError } from './error-handler';
import { createFixedWindow } from './rate-limit-window';

/** Options of `verdict({ rateLimit })`: how many end-user requests one client may make. */
export interface RateLimitOptions {
  /** The window's length. @default 60_000 (1 min) */
  windowMs?: number;
  /** Requests per client per window, over `/feedback`, `/detailed-feedback` and the chat handlers together. @default 60 */
  max?: number;
  /**
   * Who a request counts against. Behind a proxy or load balancer `req.ip` is the proxy's address
   * unless the app sets Express's `trust proxy`, and then every client shares one limit.
   * @default the client's address, `req.ip` (IPv6 by its /64 network)
   * @example keyGenerator: (req) => String(req.headers['x-api-key'] ?? req.ip)
   */
  keyGenerator?: (req: Request) => string;
}

/** The defaults: generous for a person, tight for a script. */
export const DEFAULT_RATE_LIMIT = { windowMs: 60_000, max: 60 } as const;

/** What `createRateLimit` needs beyond the host's options. */
export interface RateLimitDeps {
  onError: (error: unknown) => void;
  /** The clock. @default Date.now */
  now?: () => number;
}

/**
 * The client key of an address: IPv4 as is (also when IPv4-mapped, `::ffff:1.2.3.4`), IPv6 by its
 * /64 network, since one subscriber usually holds a whole /64 and could otherwise take a fresh
 * address, and a fresh limit, per request.
 * @example addressKey('2001:db8:1:2:aaaa::1') // '2001:db8:1:2::/64'
 */
export function addressKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1] !== undefined) return mapped[1];
  if (!address.includes(':')) return address;
  // Drop a zone (`fe80::1%eth0`), then expand `::` so the first four groups can be read.
  const [head = '', tail] = address.split('%')[0]!.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

function defaultKey(req: Request): string {
  const address = req.ip ?? req.socket.remoteAddress;
  return address === undefined ? 'unknown' : addressKey(address);
}

/**
 * A middleware counting each request against its client's fixed window; over the limit it
 * answers 429 `RATE_LIMITED` with `Retry-After`. Every answer carries `RateLimit-Limit`,
 * `RateLimit-Remaining` and `RateLimit-Reset` (seconds). It answers the 429 itself rather than
 * calling `next(error)`, so it works the same in front of a handler the host mounts outside Verdict's router.
 * @example router.all(['/feedback', '/detailed-feedback'], createRateLimit({ max: 60 }, { onError }))
 */
export function createRateLimit(options: RateLimitOptions, deps: RateLimitDeps): RequestHandler {
  const { windowMs = DEFAULT_RATE_LIMIT.windowMs, max = DEFAULT_RATE_LIMIT.max, keyGenerator = defaultKey } = options;
  const window = createFixedWindow({ windowMs, max, ...(deps.now === undefined ? {} : { now: deps.now }) });
  return (req, res, next) => {
    let key: unknown;
    try {
      key = keyGenerator(req);
    } catch (error) {
      sendError(res, new VerdictError('INTERNAL', 'rateLimit.keyGenerator threw', { cause: error }), deps.onError);
      return;
    }
    if (typeof key !== 'string') {
      sendError(res, new VerdictError('INTERNAL', `rateLimit.keyGenerator must return a string, not ${typeof key}`), deps.onError);
      return;
    }
    const { allowed, limit, remaining, resetInMs } = window.hit(key);
    const resetSeconds = Math.max(1, Math.ceil(resetInMs / 1000));
    res.setHeader('RateLimit-Limit', String(limit));
    res.setHeader('RateLimit-Remaining', String(remaining));
    res.setHeader('RateLimit-Reset', String(resetSeconds));
    if (allowed) {
      next();
      return;
    }
    res.setHeader('Retry-After', String(resetSeconds));
    sendError(res, new VerdictError('RATE_LIMITED', `too many requests: at most ${limit} per ${windowMs} ms; retry in ${resetSeconds} s`), deps.onError);
  };
}

/**
 * `handler` behind `limit`: the limit runs first and the handler only if it lets the request through.
 * @example app.post('/chat', withRateLimit(limit, chatHandler))
 */
export function withRateLimit(limit: RequestHandler | undefined, handler: RequestHandler): RequestHandler {
  if (limit === undefined) return handler;
  return (req, res, next) => {
    void limit(req, res, (error?: unknown) => {
      if (error !== undefined) {
        next(error);
        return;
      }
      void handler(req, res, next);
    });
  };
}
