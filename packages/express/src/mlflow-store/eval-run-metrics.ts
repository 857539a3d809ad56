import type { EvalRun } from '@verdict/core';
import type { MlflowContext } from './context';
import { MlflowHttpError } from './http-client';

const RUNS = '/api/2.0/mlflow/runs';
const STATUS = { running: 'RUNNING', completed: 'FINISHED', cancelled: 'KILLED', failed: 'FAILED' } as const;
// MLflow metric names allow letters, digits, `_ - . / ` and spaces.
const metricName = (scorer: string, figure: string) => `${scorer.replace(/[^A-Za-z0-9_\-. /]/g, '_')}/${figure}`;

/**
 * Mirrors an eval run into its MLflow run so MLflow's UI shows it as one: per-scorer metrics
 * (`<scorer>/pass_rate`, `/mean`, `/p50`, `/p90`, `/errors`, step = rows done) via `runs/log-batch`,
 * the run status (`runs/update`), and the rows' traces linked to the run (`traces/link-to-run`,
 * ≤ 100 per call; a server without that route is skipped).
 * @example await mirrorEvalRun(ctx, runId, evalRun)
 */
export async function mirrorEvalRun(ctx: MlflowContext, runId: string, run: EvalRun): Promise<void> {
  const timestamp = Date.now();
  const metrics: Array<{ key: string; value: number; timestamp: number; step: number }> = [];
  for (const [scorer, aggregate] of Object.entries(run.aggregates)) {
    for (const [figure, value] of Object.entries(aggregate)) {
      if (typeof value === 'number' && Number.isFinite(value)) metrics.push({ key: metricName(scorer, figure), value, timestamp, step: run.progress.done });
    }
  }
  // log-batch takes at most 1000 metrics per call.
  for (let index = 0; index < metrics.length; index += 1000) {
    await ctx.http.request({ method: 'POST', path: `${RUNS}/log-batch`, json: { run_id: runId, metrics: metrics.slice(index, index + 1000) } });
  }
  const update: Record<string, unknown> = { run_id: runId, status: STATUS[run.status] };
  if (run.end_time !== undefined) update.end_time = run.end_time;
  await ctx.http.request({ method: 'POST', path: `${RUNS}/update`, json: update });
  const traceIds = [...new Set(run.rows.flatMap((row) => (row.trace_id === undefined ? [] : [row.trace_id])))];
  for (let index = 0; index < traceIds.length; index += 100) {
    try {
      await ctx.http.request({ method: 'POST', path: '/api/2.0/mlflow/traces/link-to-run', json: { run_id: runId, trace_ids: traceIds.slice(index, index + 100) } });
    } catch (error) {
      if (error instanceof MlflowHttpError && error.status === 404) return;
      throw error;
    }
  }
}
