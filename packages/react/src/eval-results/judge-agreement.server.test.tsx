import { createClient, createEvaluationClient } from '@verdict/core';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { expectAccessible } from '../test-support/axe';
import { startEvalServer } from '../test-support/eval-server';
import type { EvalServer } from '../test-support/eval-server';
import { EvalResults } from './eval-results';
import { JudgeAgreement } from './judge-agreement';

let server: EvalServer;
afterEach(async () => {
  cleanup();
  await server.close();
});

describe('JudgeAgreement fed by a real server', { timeout: 20_000 }, () => {
  it('shows the kappa and confusion matrix the server computes from a run and human labels on its traces', async () => {
    server = await startEvalServer();
    const evals = createEvaluationClient({ baseUrl: server.api });
    const { evaluation_id } = await evals.startEvaluation({ dataset: 'capitals', app: 'wrong_on_italy', scorers: ['exact_match'] });
    for await (const event of evals.evaluationEvents(evaluation_id)) if (event.type === 'finished') break;
    const run = await evals.getEvaluation(evaluation_id);
    // The humans agree with the judge except on Japan, which they call wrong.
    const human: Record<string, boolean> = { France: true, Italy: false, Spain: true, Japan: false };
    const traces = createClient({ baseUrl: server.api });
    for (const row of run.rows) {
      await traces.createAssessment(row.trace_id!, { assessment_name: 'is_correct', feedback: { value: human[String(row.inputs.country)]! } });
    }

    const agreement = await evals.getAgreement(evaluation_id, { scorer: 'exact_match', label_schema: 'is_correct' });
    const { container } = render(<JudgeAgreement agreement={agreement} />);
    // 3 of 4 agree; chance agreement 0.5 (humans 2/2, judge 3 true 1 false): kappa 0.5.
    expect(container.querySelector('.vd-eval-agreement__kappa')?.textContent).toBe('Cohen’s kappa 0.50moderate4 traces · 75% exact agreement');
    const table = screen.getByRole('table', { name: /Confusion matrix/ });
    const cellsOf = (label: string) => [...within(table).getByRole('rowheader', { name: `human: ${label}` }).parentElement!.querySelectorAll('td')].map((cell) => cell.textContent);
    const judgeColumns = within(table).getAllByRole('columnheader').map((cell) => cell.textContent);
    const counts = (label: string) => Object.fromEntries(judgeColumns.map((column, index) => [column, cellsOf(label)[index]]));
    expect(counts('true')).toEqual({ 'judge: true': '2', 'judge: false': '0' });
    expect(counts('false')).toEqual({ 'judge: true': '1', 'judge: false': '1' });
    await expectAccessible(container);
    cleanup();

    // EvalResults shows the same once asked which scorer and label schema to hold together.
    const results = render(<EvalResults evaluationId={evaluation_id} client={evals} agreement={{ scorer: 'exact_match', labelSchema: 'is_correct' }} />);
    await screen.findByRole('heading', { name: 'Judge “exact_match” vs human “is_correct”' });
    expect(results.container.querySelector('.vd-eval-agreement__kappa')?.textContent).toContain('Cohen’s kappa 0.50');
    await expectAccessible(results.container);
  });
});
