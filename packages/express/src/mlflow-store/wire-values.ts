// Conversions between Verdict's values (ms numbers, hex ids) and MLflow's wire forms
// (RFC 3339 timestamps, "1.250s" durations, base64 ids, nanoseconds).

/** Hex (any even length) → base64, as MLflow's span dicts and OTel proto JSON carry ids. */
export function hexToBase64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}

/** Base64 → lowercase hex; also accepts hex (MLflow 3.5 span dicts used hex ids). */
export function idToHex(id: string, bytes: number): string | undefined {
  if (new RegExp(`^[0-9a-f]{${bytes * 2}}$`).test(id)) return id;
  const decoded = Buffer.from(id, 'base64');
  if (decoded.length !== bytes || decoded.toString('base64').replace(/=+$/, '') !== id.replace(/=+$/, '')) return undefined;
  return decoded.toString('hex');
}

/** ms since epoch → RFC 3339 with milliseconds (MLflow keeps whole ms). */
export function msToTimestamp(ms: number): string {
  return new Date(Math.floor(ms)).toISOString();
}

/** RFC 3339 → ms since epoch; undefined when unreadable. */
export function timestampToMs(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** ms → protobuf Duration JSON ("0.812s"). */
export function msToDuration(ms: number): string {
  return `${(Math.round(ms) / 1000).toFixed(3)}s`;
}

/** protobuf Duration JSON ("1.250s") → whole ms; undefined when unreadable. */
export function durationToMs(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^-?\d+(\.\d+)?s$/.test(value)) return undefined;
  return Math.round(Number.parseFloat(value) * 1000);
}

/** ms (with a sub-ms fraction) → OTel HrTime [seconds, nanoseconds], exact to the nanosecond. */
export function msToHrTime(ms: number): [number, number] {
  const seconds = Math.floor(ms / 1000);
  const nanos = Math.round((ms - seconds * 1000) * 1e6);
  return nanos >= 1e9 ? [seconds + 1, nanos - 1e9] : [seconds, nanos];
}

/** ns (a JSON number or decimal string) → ms. Large ns values lose ~100 ns in a double; callers that need exact times keep them elsewhere. */
export function nsToMs(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value / 1e6;
  if (typeof value === 'string' && /^\d+$/.test(value)) {
    const ns = BigInt(value);
    return Number(ns / 1_000_000n) + Number(ns % 1_000_000n) / 1e6;
  }
  return undefined;
}

/** ms → ns as a decimal integer string, exact. */
export function msToNs(ms: number): string {
  const [seconds, nanos] = msToHrTime(ms);
  return (BigInt(seconds) * 1_000_000_000n + BigInt(nanos)).toString();
}

/** Text that `JSON.parse` accepts. */
export function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
