import * as z from 'zod/mini';
import { VerdictError } from '../errors';
import { TraceIdSchema } from '../schemas/span';

/** Where a page of trace search ended: the last row's sort key and the direction it was sorted in. */
export interface TraceCursor {
  request_time: number;
  trace_id: string;
  direction: 'ASC' | 'DESC';
}

const CursorSchema = z.tuple([z.number(), TraceIdSchema, z.enum(['ASC', 'DESC'])]);

/** Text as unpadded base64url (UTF-8), safe in query strings without escaping. */
export function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(token: string): string {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) throw new Error('not base64url');
  const binary = atob(token.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

/**
 * Encodes a keyset cursor. A key rather than an offset, so rows inserted between two page
 * requests neither repeat nor hide rows on the next page.
 */
export function encodePageToken(cursor: TraceCursor): string {
  return toBase64Url(JSON.stringify([cursor.request_time, cursor.trace_id, cursor.direction]));
}

/** Decodes a token made by {@link encodePageToken}; anything else is an `INVALID_ARGUMENT`. */
export function decodePageToken(token: string): TraceCursor {
  let decoded: unknown;
  try {
    decoded = JSON.parse(fromBase64Url(token));
  } catch (error) {
    throw new VerdictError('INVALID_ARGUMENT', 'malformed page_token', { cause: error });
  }
  const result = CursorSchema.safeParse(decoded);
  if (!result.success) throw new VerdictError('INVALID_ARGUMENT', 'malformed page_token');
  const [request_time, trace_id, direction] = result.data;
  return { request_time, trace_id, direction };
}
