import { describe, expect, it } from 'vitest';
import {
  ASSESSMENT_ID_PATTERN,
  SPAN_ID_PATTERN,
  TRACE_ID_PATTERN,
  newAssessmentId,
  newSpanId,
  newTraceId,
  otelTraceIdOf,
  traceIdFromOtel,
} from './ids';
import { AssessmentIdSchema } from './schemas/assessment';
import { SpanIdSchema, TraceIdSchema } from './schemas/span';

describe('ids', () => {
  it('makes ids that match their patterns and differ from each other', () => {
    const traces = Array.from({ length: 50 }, newTraceId);
    expect(traces.every((id) => TRACE_ID_PATTERN.test(id))).toBe(true);
    expect(new Set(traces).size).toBe(50);
    expect(SPAN_ID_PATTERN.test(newSpanId())).toBe(true);
    expect(ASSESSMENT_ID_PATTERN.test(newAssessmentId())).toBe(true);
  });

  it.each([
    ['trace', TraceIdSchema, 'tr-0123456789abcdef0123456789abcdef', ['tr-0123456789ABCDEF0123456789ABCDEF', '0123456789abcdef0123456789abcdef', 'tr-123', 'tr-0123456789abcdef0123456789abcdef0']],
    ['span', SpanIdSchema, '0123456789abcdef', ['0123456789abcde', '0123456789abcdefa', '0123456789abcdeg', 'a-0123456789abcdef']],
    ['assessment', AssessmentIdSchema, 'a-0123456789abcdef0123456789abcdef', ['a-123', 'tr-0123456789abcdef0123456789abcdef', ' a-0123456789abcdef0123456789abcdef']],
  ] as const)('%s id schema accepts the canonical form only', (_kind, schema, good, bad) => {
    expect(schema.safeParse(good).success).toBe(true);
    for (const id of bad) expect(schema.safeParse(id).success, id).toBe(false);
  });

  it('converts between OpenTelemetry and Verdict trace ids', () => {
    const otel = '4bf92f3577b34da6a3ce929d0e0e4736';
    expect(traceIdFromOtel(otel)).toBe(`tr-${otel}`);
    expect(otelTraceIdOf(traceIdFromOtel(otel))).toBe(otel);
    expect(otelTraceIdOf(otel)).toBe(otel);
  });
});
