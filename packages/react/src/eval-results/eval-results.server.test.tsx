import { createEvaluationClient } from '@verdict/core';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { expectAccessible } from '../test-support/axe';
import { startEvalServer } from '../test-support/eval-server';
import type { EvalServer } from '../test-support/eval-server';
import { VerdictProvider } from '../verdict-provider';
import { EvalResults } from './eval-results';

let server: EvalServer;
afterEach(async () => {
  cleanup();
  await server.close();
});

const bodyRows = (container: HTMLElement) => [...container.querySelectorAll<HTMLTableRowElement>('tr.vd-eval-table__row')];
const progressText = (container: HTMLElement) => container.querySelector('.vd-eval-progress__text')?.textContent;

describe('EvalResults against a real Verdict server', { timeout: 20_000 }, () => {
  it('follows a real run live from 0 / 4 to completed, with the code scorers’ figures', async () => {
    server = await startEvalServer();
    const evals = createEvaluationClient({ baseUrl: server.api });
    const { evaluation_id } = await evals.startEvaluation({ name: 'gated run', dataset: 'capitals', app: 'gated', scorers: ['exact_match', 'answer_length'], concurrency: 1 });
    const { container } = render(
      <VerdictProvider baseUrl={server.api}>
        <EvalResults evaluationId={evaluation_id} traceHref={(traceId) => `#/traces/${traceId}`} />
      </VerdictProvider>,
    );
    await waitFor(() => expect(progressText(container)).toBe('0 / 4'));
    expect(screen.getByRole('heading', { name: 'gated run' })).toBeTruthy();
    await expectAccessible(container);

    server.release(2);
    await waitFor(() => expect(progressText(container)).toBe('2 / 4'));
    await waitFor(() => expect(bodyRows(container)).toHaveLength(2));

    server.release(2);
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Completed'));
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(bodyRows(container)).toHaveLength(4);
    const cards = within(screen.getByRole('list', { name: 'Scorers' })).getAllByRole('listitem');
    expect(cards.map((card) => card.dataset.scorer)).toEqual(['exact_match', 'answer_length']);
    expect(cards[0]!.textContent).toBe('exact_match100%pass rate0 errors');
    // Paris, Rome, Madrid, Tokyo: 5 + 4 + 6 + 5 characters / 10, mean 0.50.
    expect(cards[1]!.textContent).toContain('0.50mean');
    const links = screen.getAllByRole('link', { name: /^View trace of row/ });
    expect(links).toHaveLength(4);
    expect(links[0]!.getAttribute('href')).toMatch(/^#\/traces\/tr-[0-9a-f]{32}$/);
    await expectAccessible(container);
  });

  it('cancels a real run from the button: the server stops it and the page says Cancelled', async () => {
    server = await startEvalServer();
    const evals = createEvaluationClient({ baseUrl: server.api });
    const { evaluation_id } = await evals.startEvaluation({ dataset: 'capitals', app: 'gated', scorers: ['exact_match'], concurrency: 1 });
    const user = userEvent.setup();
    const { container } = render(<EvalResults evaluationId={evaluation_id} client={evals} />);
    server.release(1);
    await waitFor(() => expect(progressText(container)).toBe('1 / 4'));
    await user.click(screen.getByRole('button', { name: 'Cancel evaluation' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Cancelled'));
    expect((await evals.getEvaluation(evaluation_id)).status).toBe('cancelled');
    expect(bodyRows(container).length).toBeLessThan(4);
    await expectAccessible(container);
  });

  it('compares two real runs: the row the candidate got wrong comes first, marked regressed', async () => {
    server = await startEvalServer();
    const evals = createEvaluationClient({ baseUrl: server.api });
    const finish = async (app: string) => {
      const { evaluation_id } = await evals.startEvaluation({ dataset: 'capitals', app, scorers: ['exact_match'] });
      for await (const event of evals.evaluationEvents(evaluation_id)) if (event.type === 'finished') break;
      return evaluation_id;
    };
    const base = await finish('right');
    const candidate = await finish('wrong_on_italy');
    const { container } = render(<EvalResults compare={{ base, candidate }} client={evals} />);
    await screen.findByText('1 regressed · 0 improved · 3 unchanged');
    const rows = bodyRows(container);
    expect(rows.map((row) => row.dataset.change)).toEqual(['regressed', 'unchanged', 'unchanged', 'unchanged']);
    expect(rows[0]!.querySelector('td[data-column="inputs"]')?.textContent).toBe('Italy');
    const card = within(screen.getByRole('list', { name: 'Scorer changes' })).getByRole('listitem');
    expect(card.textContent).toBe('exact_match▼ -0.25 (regressed)1.00 → 0.75');
    await expectAccessible(container);
  });
});
