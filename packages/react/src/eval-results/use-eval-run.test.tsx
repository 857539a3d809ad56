import { createEvaluationClient } from '@verdict/core';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fixtureRow, fixtureRun } from '../test-support/eval-fixtures';
import { scriptedEvalRoutes } from '../test-support/eval-routes';
import { useEvalRun } from './use-eval-run';

const rows = Array.from({ length: 3 }, (_, n) => fixtureRow(n));

describe('useEvalRun', () => {
  it('is idle without an id and reads nothing', () => {
    const routes = scriptedEvalRoutes([]);
    const client = createEvaluationClient({ baseUrl: '/api', fetch: routes.fetch });
    const { result } = renderHook(() => useEvalRun(null, { client }));
    expect(result.current.status).toBe('idle');
    expect(result.current.rows).toEqual([]);
    expect(routes.requests).toEqual([]);
  });

  it('goes loading → completed with the run’s rows, scorers and metadata; reload reads it afresh', async () => {
    const run = fixtureRun({ rows });
    const routes = scriptedEvalRoutes([run]);
    const client = createEvaluationClient({ baseUrl: '/api', fetch: routes.fetch });
    const { result } = renderHook(() => useEvalRun(run.evaluation_id, { client }));
    expect(result.current.status).toBe('loading');
    await waitFor(() => expect(result.current.status).toBe('completed'));
    expect(result.current.rows.map((row) => row.row_id)).toEqual(['row-0', 'row-1', 'row-2']);
    expect(result.current.scorers).toEqual(['correctness', 'relevance']);
    expect(result.current.run).toMatchObject({ name: 'golden-v1', dataset: 'golden', usage: { judge_prompt_tokens: 1200 } });
    expect(result.current.run).not.toHaveProperty('rows');
    const reads = routes.requests.filter((request) => request === `GET /evaluations/${run.evaluation_id}`).length;
    act(() => result.current.reload());
    await waitFor(() => expect(routes.requests.filter((request) => request === `GET /evaluations/${run.evaluation_id}`).length).toBe(reads + 1));
    await waitFor(() => expect(result.current.status).toBe('completed'));
  });

  it('reports a refused cancel as an error and keeps the run running', async () => {
    const run = fixtureRun({ rows: rows.slice(0, 1), total: 3, status: 'running' });
    const routes = scriptedEvalRoutes([run]);
    const refusing: typeof fetch = async (input, init) =>
      (init?.method ?? 'GET') === 'POST'
        ? new Response(JSON.stringify({ error: { code: 'FORBIDDEN', message: 'only developers may cancel runs' } }), { status: 403 })
        : routes.fetch(input, init);
    const client = createEvaluationClient({ baseUrl: '/api', fetch: refusing });
    const { result } = renderHook(() => useEvalRun(run.evaluation_id, { client }));
    await waitFor(() => expect(result.current.status).toBe('running'));
    await act(() => result.current.cancel());
    expect(result.current.error).toBe('only developers may cancel runs');
    expect(result.current.status).toBe('running');
    expect(result.current.cancelling).toBe(false);
  });
});
