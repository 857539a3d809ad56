import type { ParsedSearchTracesParams, SearchTracesResponse, TraceInfo } from '@verdict/core';
import { searchTraceInfos } from '@verdict/core';

interface Keyed {
  info: TraceInfo;
}

function compare(a: TraceInfo, b: TraceInfo): number {
  if (a.request_time !== b.request_time) return a.request_time < b.request_time ? -1 : 1;
  if (a.trace_id === b.trace_id) return 0;
  return a.trace_id < b.trace_id ? -1 : 1;
}

/** How many rows a search hands to core's filter at a time. */
const CHUNK = 2048;

/**
 * Entries kept sorted by (request_time, trace_id), the order `/traces` pages in, so a search
 * walks from the newest (or oldest) end and stops once a page is full instead of filtering and
 * sorting every stored trace. Traces mostly arrive in time order, so inserting is usually a push.
 */
export class TraceOrder<Entry extends Keyed> {
  readonly #rows: Entry[] = [];

  /** Where `info`'s key is, or where it would go. */
  #position(info: TraceInfo): number {
    let low = 0;
    let high = this.#rows.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(this.#rows[middle]!.info, info) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The first row whose request started at or after `time`. */
  #firstAtOrAfter(time: number): number {
    let low = 0;
    let high = this.#rows.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#rows[middle]!.info.request_time < time) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /**
   * The infos whose request started in `[start, end)` (either end open), oldest first, found by
   * binary search so a summary of one day touches that day's rows only. Read in place: callers
   * must not keep or change them, and must finish before the next write.
   */
  *between(start: number | undefined, end: number | undefined): Generator<TraceInfo> {
    const from = start === undefined ? 0 : this.#firstAtOrAfter(start);
    const to = end === undefined ? this.#rows.length : this.#firstAtOrAfter(end);
    for (let at = from; at < to; at += 1) yield this.#rows[at]!.info;
  }

  insert(entry: Entry): void {
    const last = this.#rows[this.#rows.length - 1];
    if (last === undefined || compare(last.info, entry.info) < 0) {
      this.#rows.push(entry);
      return;
    }
    this.#rows.splice(this.#position(entry.info), 0, entry);
  }

  /** Removes the row with `info`'s key (each trace id is in the order once). */
  remove(info: TraceInfo): void {
    const at = this.#position(info);
    if (this.#rows[at] !== undefined && compare(this.#rows[at].info, info) === 0) this.#rows.splice(at, 1);
  }

  /**
   * One page of `search`, exactly as core's `searchTraceInfos` over every entry would give it:
   * core filters each chunk, walking in the requested direction, until more than a page has
   * matched; core then pages what matched, which yields the same rows and the same token.
   */
  search(params: ParsedSearchTracesParams): SearchTracesResponse {
    const descending = params.order_by !== 'request_time ASC';
    const matched: TraceInfo[] = [];
    const total = this.#rows.length;
    for (let done = 0; done < total && matched.length <= params.max_results; done += CHUNK) {
      const chunk: TraceInfo[] = [];
      for (let step = done; step < Math.min(done + CHUNK, total); step += 1) {
        chunk.push(this.#rows[descending ? total - 1 - step : step]!.info);
      }
      // Asked for one more than a page, so a chunk tells whether anything follows the page.
      const found = searchTraceInfos(chunk, { ...params, max_results: params.max_results + 1 - matched.length });
      matched.push(...found.traces);
    }
    return searchTraceInfos(matched, params);
  }
}
