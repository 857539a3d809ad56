import { VerdictError } from '@verdict/core';
import express from 'express';
import type { Request, RequestHandler, Response } from 'express';
import { assertSafeJson } from './safe-keys';

const JSON_TYPES = ['application/json', 'application/*+json'];
const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/**
 * Reads a body size: a positive byte count, or a number with a unit (`'1mb'`, `'512kb'`, 1024-based).
 * Undefined when it is neither.
 * @example parseByteSize('1mb') // 1048576
 */
export function parseByteSize(size: string | number): number | undefined {
  if (typeof size === 'number') return Number.isSafeInteger(size) && size > 0 ? size : undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(size);
  if (!match?.[1]) return undefined;
  const bytes = Math.floor(Number(match[1]) * (UNITS[(match[2] ?? 'b').toLowerCase()] ?? 1));
  return bytes > 0 ? bytes : undefined;
}

// Content-Length: 0 is no body, unlike type-is's hasBody: an empty POST needs no Content-Type.
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Reads a request's JSON body (or takes the one a host parser already read) and checks it. */
export type JsonBodyReader = (req: Request, res: Response) => Promise<unknown>;

/**
 * Makes the one JSON body reader every Verdict route and `chatHandler` use: refuses non-JSON
 * bodies (415) and bodies over `limitBytes` (413), parses with `JSON.parse` (malformed → 400
 * MALFORMED_JSON via the error handler), then rejects prototype keys and over-deep nesting.
 * A body a host parser already read is checked the same way, not parsed again.
 * @example const body = await createJsonBodyReader(1024 * 1024)(req, res)
 */
export function createJsonBodyReader(limitBytes: number): JsonBodyReader {
  // strict: false so a JSON scalar is valid JSON that fails the schema (INVALID_ARGUMENT), not a syntax error.
  const parse = express.json({ limit: limitBytes, strict: false, type: JSON_TYPES });
  return async (req, res) => {
    if (hasBody(req)) {
      if (!req.is(JSON_TYPES)) {
        const type = req.headers['content-type'] ?? 'none';
        throw new VerdictError('UNSUPPORTED_MEDIA_TYPE', `send the body as JSON with Content-Type: application/json (got ${type})`);
      }
      if (req.body === undefined) {
        await new Promise<void>((resolve, reject) => {
          void parse(req, res, (error?: unknown) => (error === undefined ? resolve() : reject(error)));
        });
      }
    }
    // Checked even without a body on the wire: some adapters set req.body themselves.
    const body: unknown = req.body;
    assertSafeJson(body);
    return body;
  };
}

/**
 * Route middleware around {@link createJsonBodyReader}: leaves the checked body on `req.body`.
 * @example router.post('/feedback', jsonBody(reader), handler)
 */
export function jsonBody(read: JsonBodyReader): RequestHandler {
  return async (req, res, next) => {
    req.body = await read(req, res);
    next();
  };
}
