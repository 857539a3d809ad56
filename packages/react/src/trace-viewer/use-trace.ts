import { HttpError } from '@verdict/core';
import type { Assessment, CreateAssessmentBody, OverrideAssessmentBody, Trace, VerdictClient } from '@verdict/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useOptionalVerdictClient } from '../verdict-provider';
import { withAssessments, withCreatedAssessment, withDeletedAssessment } from './assessment-merge';

/** Where {@link useTrace} is: no trace asked for, fetching, shown, or failed. */
export type TraceStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Options of {@link useTrace}. */
export interface UseTraceOptions {
  /** A client to use instead of the nearest `VerdictProvider`'s. */
  client?: VerdictClient;
}

/** What {@link useTrace} returns. */
export interface UseTraceResult {
  status: TraceStatus;
  /** The trace, kept current after every assessment write; null unless `ready`. */
  trace: Trace | null;
  /** Why loading failed (an `HttpError` for server answers). */
  error: Error | null;
  /** True when the server answered 404 for this trace id. */
  notFound: boolean;
  /** Fetches the trace again. */
  reload(): void;
  /** Logs a feedback or expectation; resolves with the stored one, which is already shown. */
  addAssessment(body: CreateAssessmentBody): Promise<Assessment>;
  /** Overrides an assessment (the old one stays, invalid); resolves with the new one. */
  overrideAssessment(assessmentId: string, body: OverrideAssessmentBody): Promise<Assessment>;
  deleteAssessment(assessmentId: string): Promise<void>;
}

interface State {
  traceId: string | null;
  status: TraceStatus;
  trace: Trace | null;
  error: Error | null;
}

const isAbort = (error: unknown) => error instanceof Error && error.name === 'AbortError';

/**
 * Loads a trace (`GET /traces/:id`) and writes its assessments. Writes update the shown trace
 * from the server's answer (no reload, no stale copy); a write for a trace no longer shown is
 * dropped from view. Changing `traceId` aborts the previous load.
 * @example
 * const { status, trace, addAssessment } = useTrace(traceId);
 * await addAssessment({ assessment_name: 'correct', feedback: { value: true } });
 */
export function useTrace(traceId: string | null | undefined, options: UseTraceOptions = {}): UseTraceResult {
  const provided = useOptionalVerdictClient();
  const client = options.client ?? provided;
  if (client === null) throw new Error('useTrace() needs a <VerdictProvider baseUrl="/api"> above it, or a client option.');
  const id = traceId === undefined || traceId === '' ? null : traceId;
  const [state, setState] = useState<State>({ traceId: id, status: id === null ? 'idle' : 'loading', trace: null, error: null });
  const [generation, setGeneration] = useState(0);
  // Writes resolve later: they must land on the trace shown then, not the one they started on.
  const shown = useRef(id);
  shown.current = id;

  useEffect(() => {
    if (id === null) {
      setState({ traceId: null, status: 'idle', trace: null, error: null });
      return;
    }
    const controller = new AbortController();
    setState({ traceId: id, status: 'loading', trace: null, error: null });
    client.getTrace(id, { signal: controller.signal }).then(
      (trace) => setState({ traceId: id, status: 'ready', trace, error: null }),
      (error: unknown) => {
        if (isAbort(error)) return;
        setState({ traceId: id, status: 'error', trace: null, error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => controller.abort();
  }, [client, id, generation]);

  const update = useCallback((forTrace: string, change: (assessments: Assessment[]) => Assessment[]) => {
    setState((current) =>
      current.traceId === forTrace && current.trace !== null ? { ...current, trace: withAssessments(current.trace, change(current.trace.info.assessments)) } : current,
    );
  }, []);

  const requireId = useCallback(() => {
    if (shown.current === null) throw new Error('useTrace: no trace to write an assessment on');
    return shown.current;
  }, []);

  const addAssessment = useCallback(
    async (body: CreateAssessmentBody) => {
      const forTrace = requireId();
      const { assessment } = await client.createAssessment(forTrace, body);
      update(forTrace, (assessments) => withCreatedAssessment(assessments, assessment));
      return assessment;
    },
    [client, requireId, update],
  );

  const overrideAssessment = useCallback(
    async (assessmentId: string, body: OverrideAssessmentBody) => {
      const forTrace = requireId();
      const { assessment } = await client.overrideAssessment(forTrace, assessmentId, body);
      update(forTrace, (assessments) => withCreatedAssessment(assessments, assessment));
      return assessment;
    },
    [client, requireId, update],
  );

  const deleteAssessment = useCallback(
    async (assessmentId: string) => {
      const forTrace = requireId();
      await client.deleteAssessment(forTrace, assessmentId);
      update(forTrace, (assessments) => withDeletedAssessment(assessments, assessmentId));
    },
    [client, requireId, update],
  );

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  // Until the effect runs for a new id, report loading rather than the previous trace.
  const current: State = state.traceId === id ? state : { traceId: id, status: id === null ? 'idle' : 'loading', trace: null, error: null };
  return {
    status: current.status,
    trace: current.trace,
    error: current.error,
    notFound: HttpError.isInstance(current.error) && current.error.status === 404,
    reload,
    addAssessment,
    overrideAssessment,
    deleteAssessment,
  };
}
