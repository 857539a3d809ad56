import type { StoredLabelingSession } from '@verdict/core';
import type { MlflowContext } from './context';
import { MlflowHttpError } from './http-client';

/** Run tag naming the labeling session a run holds (the Databricks convention: a session is a run). */
export const LABELING_SESSION_TAG = 'verdict.labeling_session';

/**
 * Makes a labeling session's MLflow run look like one in MLflow: the run is tagged
 * `verdict.labeling_session = <id>` and the traces its items label are linked to it
 * (`traces/link-to-run`, ≤ 100 per call), so `mlflow.search_traces(run_id=…)` finds them. Only
 * traces not yet linked by this process are sent, so a session with thousands of items costs one
 * call per new batch, not per label.
 * @example const mirror = labelingSessionMirror(); await mirror(ctx, runId, stored);
 */
export function labelingSessionMirror(): (ctx: MlflowContext, runId: string, stored: StoredLabelingSession) => Promise<void> {
  const linked = new Map<string, Set<string>>();
  return async (ctx, runId, stored) => {
    let done = linked.get(runId);
    if (done === undefined) {
      await ctx.http.request({
        method: 'POST',
        path: '/api/2.0/mlflow/runs/set-tag',
        json: { run_id: runId, key: LABELING_SESSION_TAG, value: stored.session.labeling_session_id },
      });
      done = new Set();
      linked.set(runId, done);
    }
    const fresh = [...new Set(stored.items.map((item) => item.trace_id))].filter((traceId) => !done.has(traceId));
    for (let index = 0; index < fresh.length; index += 100) {
      const batch = fresh.slice(index, index + 100);
      try {
        await ctx.http.request({ method: 'POST', path: '/api/2.0/mlflow/traces/link-to-run', json: { run_id: runId, trace_ids: batch } });
      } catch (error) {
        // Servers before link-to-run: the session still works, MLflow just does not list its traces under the run.
        if (error instanceof MlflowHttpError && error.status === 404) return;
        throw error;
      }
      for (const traceId of batch) done.add(traceId);
    }
  };
}
