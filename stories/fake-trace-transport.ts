// A scripted stand-in for `GET /traces/:id` and the assessment routes, so the TraceViewer stories
// (and their tests) run without a server. Writes change the scripted copy, as the store would.
import type { Assessment, CreateAssessmentBody, OverrideAssessmentBody, Trace } from '@verdict/core';
import { failure, json, never, notScripted, requestOf } from './scripted-response';

/** How the fake trace routes answer. */
export interface TraceScript {
  /** The stored traces (with their assessments). */
  traces?: readonly Trace[];
  /** 'pending' never answers `GET /traces/:id`; an error answers it with 503. */
  reads?: 'ok' | 'pending' | { error: string };
  /** 'pending' never answers a write; an error answers it with 503. */
  writes?: 'ok' | 'pending' | { error: string };
}


function newId(count: number): string {
  return `a-${(0xf000 + count).toString(16).padStart(32, '0')}`;
}

/**
 * A `fetch` answering `GET /traces/:id` and `POST|PATCH|DELETE /traces/:id/assessments[/:aid]`.
 * @example <VerdictProvider baseUrl="/api" fetch={scriptedTraceFetch({ traces: [ragTrace()] })}>…</VerdictProvider>
 */
export function scriptedTraceFetch(script: TraceScript): typeof globalThis.fetch {
  const { reads = 'ok', writes = 'ok' } = script;
  // A copy per transport: a story's writes never leak into the next story or test.
  const traces = new Map((script.traces ?? []).map((trace) => [trace.info.trace_id, structuredClone(trace)]));
  let created = 0;
  return async (input, init) => {
    const { method, path } = requestOf(input, init);
    const match = /^\/traces\/([^/]+)(?:\/assessments(?:\/([^/]+))?)?$/.exec(path);
    if (match === null) return notScripted(`${method} ${path}`);
    const traceId = decodeURIComponent(match[1]!);
    const assessmentId = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
    const isWrite = method !== 'GET';
    const mode = isWrite ? writes : reads;
    if (mode === 'pending') return never();
    if (mode !== 'ok') return failure(503, 'UNAVAILABLE', mode.error);
    const trace = traces.get(traceId);
    if (trace === undefined) return failure(404, 'NOT_FOUND', `trace ${traceId} not found`);
    const assessments = trace.info.assessments;
    if (!isWrite) return json(trace);

    const now = Date.now();
    if (method === 'POST' && assessmentId === undefined) {
      const body = JSON.parse(String(init?.body)) as CreateAssessmentBody;
      const { source = { source_type: 'HUMAN', source_id: 'anonymous' }, ...rest } = body;
      const assessment = { ...rest, source, assessment_id: newId((created += 1)), trace_id: traceId, create_time: now, last_update_time: now, valid: true } as Assessment;
      assessments.push(assessment);
      return json({ assessment }, 201);
    }
    const old = assessments.find((candidate) => candidate.assessment_id === assessmentId);
    if (old === undefined) return failure(404, 'NOT_FOUND', `assessment ${assessmentId ?? ''} not found`);
    if (method === 'PATCH') {
      const body = JSON.parse(String(init?.body)) as OverrideAssessmentBody;
      const assessment = {
        ...body,
        source: body.source ?? { source_type: 'HUMAN', source_id: 'anonymous' },
        assessment_id: newId((created += 1)),
        assessment_name: old.assessment_name,
        trace_id: traceId,
        ...(old.span_id === undefined ? {} : { span_id: old.span_id }),
        overrides: old.assessment_id,
        create_time: now,
        last_update_time: now,
        valid: true,
      } as Assessment;
      old.valid = false;
      assessments.push(assessment);
      return json({ assessment });
    }
    if (method === 'DELETE') {
      trace.info.assessments = assessments.filter((candidate) => candidate !== old);
      const restored = old.valid ? trace.info.assessments.find((candidate) => candidate.assessment_id === old.overrides) : undefined;
      if (restored !== undefined) restored.valid = true;
      return new Response(null, { status: 204 });
    }
    return failure(405, 'INVALID_ARGUMENT', `${method} is not scripted`);
  };
}
