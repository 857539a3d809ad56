import { parseOrThrow } from '@verdict/core';
import * as z from 'zod';

/** Options of {@link jsonStore}. */
export const JsonStoreOptionsSchema = z.strictObject({
  /** The store's directory; created if missing. One process at a time may open it. */
  dir: z.string().min(1, 'dir must name a directory'),
  /**
   * Past this size the active segment is sealed and a new one started.
   * @default 67108864 (64 MiB)
   */
  segmentBytes: z.number().int().min(4096).default(64 * 1024 * 1024),
  /**
   * Compaction runs in the background once the log holds this many bytes more than a snapshot of
   * the current state would (replaced trace versions, deleted assessments) and at least as many as the state itself.
   * @default 67108864 (64 MiB)
   */
  compactAfterBytes: z.number().int().min(0).default(64 * 1024 * 1024),
  /**
   * Where warnings go (a torn last record dropped at open, a background compaction that failed).
   * @default console.warn
   */
  onWarning: z.custom<(message: string) => void>((value) => typeof value === 'function', 'onWarning must be a function').optional(),
});

/** What {@link jsonStore} takes. */
export type JsonStoreOptions = z.input<typeof JsonStoreOptionsSchema>;
/** The options with their defaults filled in. */
export type ParsedJsonStoreOptions = z.output<typeof JsonStoreOptionsSchema>;

/**
 * Parses the options once, at open, so a typo fails fast with an `INVALID_ARGUMENT` naming it.
 * @example parseJsonStoreOptions({ dir: '.verdict-data' }).segmentBytes // 67108864
 */
export function parseJsonStoreOptions(options: JsonStoreOptions): ParsedJsonStoreOptions {
  return parseOrThrow(JsonStoreOptionsSchema, options, 'jsonStore options');
}
