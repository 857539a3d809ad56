import { TraceStateSchema } from '@verdict/core';
import type { StringMap, Trace, TraceInfo } from '@verdict/core';
import { durationToMs, msToDuration, msToTimestamp, timestampToMs } from './wire-values';

/** MLflow's limits (mlflow-rest.md §2.1): longer values are truncated or refused by the server. */
export const LIMITS = { key: 250, metadataValue: 250, tagValue: 4000, preview: 1000, clientRequestId: 50 } as const;

/** Trace metadata key of Verdict's bookkeeping: what was added, exact times, where the spans went. */
export const INFO_KEY = 'verdict.info';
/** Tags `verdict.overflow.0…n` carry, as JSON in chunks, the fields longer than MLflow keeps. */
export const OVERFLOW_PREFIX = 'verdict.overflow.';
/** Tags the server sets itself; they are not the caller's. */
export const SERVER_TAGS = ['mlflow.artifactLocation', 'mlflow.trace.spansLocation'];
/** Metadata the server sets itself. */
export const SERVER_METADATA = ['mlflow.trace.infoFinalized'];

export const TRACE_NAME_TAG = 'mlflow.traceName';
export const SCHEMA_VERSION_KEY = 'mlflow.trace_schema.version';

/** Where a trace's spans were written. */
export type SpansVia = 'otlp' | 'artifact';

/** What {@link INFO_KEY} holds. Kept short: metadata values over 250 chars are truncated. */
export interface InfoBookkeeping {
  /** Keys Verdict added for MLflow's sake (`t:` tag, `m:` metadata); removed again on read. */
  add: string[];
  /** Exact request_time when it has a sub-ms fraction. */
  rt?: number;
  /** Exact execution_duration when MLflow's whole ms would change it; `null` is "not finished". */
  ed?: number | null;
  /** Number of overflow tags. */
  ovf?: number;
  sp: SpansVia;
  /** Hash of the span set (span-payload.ts). */
  h: string;
}

interface Overflow {
  tags?: StringMap;
  metadata?: StringMap;
  client_request_id?: string;
  request_preview?: string;
  response_preview?: string;
}

/** The TraceInfoV3 for StartTraceV3 (`POST /api/3.0/mlflow/traces`), with the final state. */
export function toMlflowTraceInfo(trace: Trace, experimentId: string, spans: { via: SpansVia; hash: string }): Record<string, unknown> {
  const { info } = trace;
  const bookkeeping: InfoBookkeeping = { add: [], sp: spans.via, h: spans.hash };
  const overflow: Overflow = {};
  const tags: StringMap = {};
  const metadata: StringMap = {};
  for (const [key, value] of Object.entries(info.tags)) {
    if (key.length > LIMITS.key || value.length > LIMITS.tagValue) (overflow.tags ??= {})[key] = value;
    if (key.length <= LIMITS.key) tags[key] = value.slice(0, LIMITS.tagValue);
  }
  for (const [key, value] of Object.entries(info.trace_metadata)) {
    if (key.length > LIMITS.key || value.length > LIMITS.metadataValue) (overflow.metadata ??= {})[key] = value;
    if (key.length <= LIMITS.key) metadata[key] = value.slice(0, LIMITS.metadataValue);
  }
  // The UI names a trace by this tag and MLflow readers expect the schema version; add them, noting it.
  if (!(TRACE_NAME_TAG in tags)) {
    const root = trace.data.spans.find((span) => span.parent_span_id === null) ?? trace.data.spans[0];
    if (root !== undefined) {
      tags[TRACE_NAME_TAG] = root.name.slice(0, LIMITS.tagValue);
      bookkeeping.add.push(`t:${TRACE_NAME_TAG}`);
    }
  }
  if (!(SCHEMA_VERSION_KEY in metadata)) {
    metadata[SCHEMA_VERSION_KEY] = '3';
    bookkeeping.add.push(`m:${SCHEMA_VERSION_KEY}`);
  }
  if (!Number.isInteger(info.request_time)) bookkeeping.rt = info.request_time;
  if (info.execution_duration === null || !Number.isInteger(info.execution_duration)) bookkeeping.ed = info.execution_duration;
  for (const field of ['request_preview', 'response_preview'] as const) {
    if (info[field].length > LIMITS.preview) overflow[field] = info[field];
  }
  const clientRequestId = info.client_request_id;
  if (clientRequestId !== undefined && clientRequestId.length > LIMITS.clientRequestId) overflow.client_request_id = clientRequestId;
  if (Object.keys(overflow).length > 0) {
    const text = JSON.stringify(overflow);
    const chunks = Math.ceil(text.length / LIMITS.tagValue);
    for (let index = 0; index < chunks; index += 1) {
      tags[`${OVERFLOW_PREFIX}${index}`] = text.slice(index * LIMITS.tagValue, (index + 1) * LIMITS.tagValue);
    }
    bookkeeping.ovf = chunks;
  }
  metadata[INFO_KEY] = JSON.stringify(bookkeeping);
  const out: Record<string, unknown> = {
    trace_id: info.trace_id,
    trace_location: { type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: experimentId } },
    request_preview: info.request_preview.slice(0, LIMITS.preview),
    response_preview: info.response_preview.slice(0, LIMITS.preview),
    request_time: msToTimestamp(info.request_time),
    state: info.state,
    trace_metadata: metadata,
    tags,
  };
  if (info.execution_duration !== null) out.execution_duration = msToDuration(info.execution_duration);
  if (clientRequestId !== undefined && clientRequestId.length <= LIMITS.clientRequestId) out.client_request_id = clientRequestId;
  return out;
}

function readBookkeeping(metadata: StringMap): InfoBookkeeping | undefined {
  const text = metadata[INFO_KEY];
  if (text === undefined) return undefined;
  try {
    const parsed = JSON.parse(text) as InfoBookkeeping;
    return typeof parsed === 'object' && parsed !== null && Array.isArray(parsed.add) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function stringMap(value: unknown): StringMap {
  const out: StringMap = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const [key, entry] of Object.entries(value)) if (typeof entry === 'string') out[key] = entry;
  return out;
}

/** A TraceInfoV3 read back: Verdict's info (assessments still empty) and where its spans are. */
export interface ReadTraceInfo {
  info: TraceInfo;
  bookkeeping: InfoBookkeeping | undefined;
  /** MLflow's own tags, for finding the spans of traces other clients wrote. */
  mlflowTags: StringMap;
}

/**
 * Reads a TraceInfoV3 (any of GetTraceInfo, search, StartTraceV3 answers) into Verdict's
 * TraceInfo, undoing what {@link toMlflowTraceInfo} added and restoring overflowed fields.
 */
export function fromMlflowTraceInfo(raw: Record<string, unknown>): ReadTraceInfo {
  const mlflowTags = stringMap(raw.tags);
  const rawMetadata = stringMap(raw.trace_metadata);
  const bookkeeping = readBookkeeping(rawMetadata);
  const tags: StringMap = {};
  const metadata: StringMap = {};
  const added = new Set(bookkeeping?.add ?? []);
  for (const [key, value] of Object.entries(mlflowTags)) {
    if (SERVER_TAGS.includes(key) || key.startsWith(OVERFLOW_PREFIX) || added.has(`t:${key}`)) continue;
    tags[key] = value;
  }
  for (const [key, value] of Object.entries(rawMetadata)) {
    if (key === INFO_KEY || SERVER_METADATA.includes(key) || added.has(`m:${key}`)) continue;
    metadata[key] = value;
  }
  let overflow: Overflow = {};
  if (bookkeeping?.ovf !== undefined) {
    let text = '';
    for (let index = 0; index < bookkeeping.ovf; index += 1) text += mlflowTags[`${OVERFLOW_PREFIX}${index}`] ?? '';
    try {
      overflow = JSON.parse(text) as Overflow;
    } catch {
      overflow = {};
    }
  }
  Object.assign(tags, overflow.tags);
  Object.assign(metadata, overflow.metadata);
  const state = TraceStateSchema.safeParse(raw.state);
  const duration = bookkeeping?.ed !== undefined ? bookkeeping.ed : (durationToMs(raw.execution_duration) ?? 0);
  const info: TraceInfo = {
    trace_id: String(raw.trace_id),
    request_time: bookkeeping?.rt ?? timestampToMs(raw.request_time) ?? 0,
    execution_duration: duration,
    // STATE_UNSPECIFIED (or a state newer than this code) reads as still running.
    state: state.success ? state.data : 'IN_PROGRESS',
    request_preview: overflow.request_preview ?? (typeof raw.request_preview === 'string' ? raw.request_preview : ''),
    response_preview: overflow.response_preview ?? (typeof raw.response_preview === 'string' ? raw.response_preview : ''),
    tags,
    trace_metadata: metadata,
    assessments: [],
  };
  const clientRequestId = overflow.client_request_id ?? (typeof raw.client_request_id === 'string' ? raw.client_request_id : undefined);
  if (clientRequestId !== undefined) info.client_request_id = clientRequestId;
  return { info, bookkeeping, mlflowTags };
}
