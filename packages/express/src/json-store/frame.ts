import { crc32 } from 'node:zlib';

const NEWLINE = 0x0a;
const SPACE = 0x20;
/** `xxxxxxxx ` — eight lowercase hex digits of the CRC-32 of the JSON, then one space. */
const PREFIX_BYTES = 9;

/**
 * Frames one record as a line: `<crc32 hex> <json>\n`. The checksum covers the JSON bytes, so a
 * torn or edited line is told apart from a good one without trusting the JSON parser.
 */
export function frameRecord(record: unknown): Buffer {
  const json = Buffer.from(JSON.stringify(record), 'utf8');
  const line = Buffer.allocUnsafe(PREFIX_BYTES + json.length + 1);
  line.write(crc32(json).toString(16).padStart(8, '0'), 0, 'latin1');
  line[8] = SPACE;
  json.copy(line, PREFIX_BYTES);
  line[line.length - 1] = NEWLINE;
  return line;
}

/** Why a line was refused, or the JSON bytes it carries. */
export type Unframed = { ok: true; json: Buffer } | { ok: false; reason: string };

/**
 * Checks one line (without its newline) and returns its JSON bytes, unparsed: the caller decides
 * whether to parse, so reopening a store can skip span bodies it only needs to checksum.
 */
export function unframeLine(line: Buffer): Unframed {
  if (line.length < PREFIX_BYTES + 2 || line[8] !== SPACE) return { ok: false, reason: 'not a framed record' };
  const prefix = line.toString('latin1', 0, 8);
  if (!/^[0-9a-f]{8}$/.test(prefix)) return { ok: false, reason: 'not a framed record' };
  const expected = Number.parseInt(prefix, 16);
  const json = line.subarray(PREFIX_BYTES);
  if (crc32(json) !== expected) return { ok: false, reason: 'checksum mismatch (torn, corrupted or edited by hand)' };
  return { ok: true, json };
}

/** Parses a checked line's JSON; a parse failure here means a bug or a CRC collision. */
export function parseRecord(json: Buffer): unknown {
  return JSON.parse(json.toString('utf8'));
}

/** Checks and parses one line read back from a segment (its newline included or not); throws if it is bad. */
export function readFramed(line: Buffer): unknown {
  const body = line[line.length - 1] === NEWLINE ? line.subarray(0, -1) : line;
  const unframed = unframeLine(body);
  if (!unframed.ok) throw new Error(unframed.reason);
  return parseRecord(unframed.json);
}

/** The record separator, as a byte. */
export { NEWLINE };
