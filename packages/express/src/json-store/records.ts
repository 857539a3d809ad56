import type { Assessment, Span, TraceInfo } from '@verdict/core';
import { frameRecord } from './frame';

/** A trace's spans. Always written right before the put record of the same version. */
export interface DataRecord {
  t: 'd';
  id: string;
  spans: Span[];
}

/** A trace's info (without assessments); `d` is the byte length of the data line just before it. */
export interface PutRecord {
  t: 'p';
  info: Omit<TraceInfo, 'assessments'>;
  d: number;
}

/** A stored assessment; `x` is the assessment it overrides, made invalid by the same record. */
export interface CreateRecord {
  t: 'a';
  a: Assessment;
  x?: string;
}

/** A deleted assessment; `v` is the one it had overridden, valid again by the same record. */
export interface DeleteRecord {
  t: 'r';
  trace: string;
  id: string;
  v?: string;
}

/** Any record of the log. */
export type LogRecord = DataRecord | PutRecord | CreateRecord | DeleteRecord;

/**
 * How a data record's JSON begins. Reopening checksums data lines but never parses them, which is
 * most of the bytes; `JSON.stringify` keeps key order, so every data record starts like this.
 */
export const DATA_PREFIX = Buffer.from('{"t":"d"');

/** The two lines of one trace version: spans first, then the info pointing back at them. */
export function framePut(info: TraceInfo, spans: Span[]): { data: Buffer; both: Buffer } {
  const { assessments: _ignored, ...rest } = info;
  const data = frameRecord({ t: 'd', id: info.trace_id, spans } satisfies DataRecord);
  const put = frameRecord({ t: 'p', info: rest, d: data.length } satisfies PutRecord);
  return { data, both: Buffer.concat([data, put]) };
}

/** The put line for spans already framed (compaction copies data lines byte for byte). */
export function framePutAfter(info: TraceInfo, dataLength: number): Buffer {
  const { assessments: _ignored, ...rest } = info;
  return frameRecord({ t: 'p', info: rest, d: dataLength } satisfies PutRecord);
}

/** The line of a new assessment; `invalidates` is the one it overrides. */
export function frameCreate(assessment: Assessment, invalidates: string | undefined): Buffer {
  const record: CreateRecord = invalidates === undefined ? { t: 'a', a: assessment } : { t: 'a', a: assessment, x: invalidates };
  return frameRecord(record);
}

/** The line of a deleted assessment; `restores` is the one it had overridden. */
export function frameDelete(traceId: string, assessmentId: string, restores: string | undefined): Buffer {
  const record: DeleteRecord = { t: 'r', trace: traceId, id: assessmentId, ...(restores === undefined ? {} : { v: restores }) };
  return frameRecord(record);
}
