import { createEvaluationClient } from '@verdict/core';
import type { EvalRun } from '@verdict/core';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { expectAccessible } from '../test-support/axe';
import { fixtureRow, fixtureRun, liveEvents } from '../test-support/eval-fixtures';
import { scriptedEvalRoutes } from '../test-support/eval-routes';
import { VerdictProvider } from '../verdict-provider';
import { EvalResults } from './eval-results';

afterEach(cleanup);

const rowsOf = (count: number) => Array.from({ length: count }, (_, n) => fixtureRow(n));
const table = () => screen.getByRole('table', { name: /^Rows of/ });
const bodyRows = () => [...table().querySelectorAll<HTMLTableRowElement>('tr.vd-eval-table__row')];
const cellTexts = (column: string) => bodyRows().map((row) => row.querySelector(`td[data-column="${column}"]`)?.textContent ?? '');

/** Renders EvalResults under a provider whose fetch is the scripted routes. */
function show(runs: EvalRun[], id = runs[0]!.evaluation_id) {
  const routes = scriptedEvalRoutes(runs);
  const view = render(
    <VerdictProvider baseUrl="/api" fetch={routes.fetch}>
      <EvalResults evaluationId={id} traceHref={(traceId) => `#/traces/${traceId}`} />
    </VerdictProvider>,
  );
  return { routes, ...view };
}

describe('EvalResults', { timeout: 20_000 }, () => {
  it('shows a finished run: a card per scorer, a chart each, every row with ✔/✘ read as pass/fail and a trace link', async () => {
    const run = fixtureRun({ rows: rowsOf(8) });
    const { container } = show([run]);
    await screen.findByRole('heading', { name: 'golden-v1' });
    expect(screen.getByRole('status').textContent).toContain('Completed');
    expect(screen.queryByRole('progressbar')).toBeNull();

    const cards = within(screen.getByRole('list', { name: 'Scorers' })).getAllByRole('listitem');
    expect(cards.map((card) => card.textContent)).toEqual(['correctness75%pass rate0 errors', 'relevance0.35mean0 errors']);
    expect(screen.getByRole('img', { name: /^correctness: 75% pass — 6 pass, 2 fail, 0 errors$/ })).toBeTruthy();
    expect(screen.getByRole('img', { name: /^relevance: 8 values from 0\.00 to 1\.00/ })).toBeTruthy();

    await waitFor(() => expect(bodyRows()).toHaveLength(8));
    expect(cellTexts('score:correctness').slice(0, 4)).toEqual(['✔pass', '✔pass', '✔pass', '✘fail']);
    expect(cellTexts('score:relevance').slice(0, 3)).toEqual(['0.00', '0.10', '0.20']);
    expect(cellTexts('inputs')[0]).toBe('What is a trace? (#1)');
    const link = screen.getByRole('link', { name: 'View trace of row 1' });
    expect(link.getAttribute('href')).toBe(`#/traces/${run.rows[0]!.trace_id}`);
    await expectAccessible(container);
  });

  it('follows a running run live: progress "2 / 4" grows with events, no row is counted twice, then it completes', async () => {
    const rows = rowsOf(4);
    const run = fixtureRun({ rows: rows.slice(0, 2), total: 4, status: 'running' });
    const { routes, container } = show([run]);
    const bar = await screen.findByRole('progressbar', { name: 'Evaluation progress' });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('2'));
    expect(container.querySelector('.vd-eval-progress__text')?.textContent).toBe('2 / 4');
    expect(screen.getByRole('button', { name: 'Cancel evaluation' })).toBeTruthy();
    await expectAccessible(container);

    // The stream replayed rows 1–2 the snapshot also had; then row 3 arrives twice (a retry).
    const [rowEvent, progressEvent] = liveEvents(rows.slice(0, 2), [rows[2]!], 4);
    routes.push(run.evaluation_id, rowEvent!, rowEvent!, progressEvent!);
    await waitFor(() => expect(container.querySelector('.vd-eval-progress__text')?.textContent).toBe('3 / 4'));
    expect(bar.getAttribute('aria-valuetext')).toBe('3 / 4 rows scored');
    await waitFor(() => expect(bodyRows()).toHaveLength(3));
    expect(screen.getByText('3 rows · 0 failing')).toBeTruthy();

    routes.push(run.evaluation_id, ...liveEvents(rows.slice(0, 3), [rows[3]!], 4), { type: 'finished', status: 'completed' });
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Completed'));
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(bodyRows()).toHaveLength(4);
    expect(screen.getByText('4 rows · 1 failing')).toBeTruthy();
    await expectAccessible(container);
  });

  it('cancel stops the run: the button asks the server, the status becomes Cancelled', async () => {
    const run = fixtureRun({ rows: rowsOf(1), total: 5, status: 'running' });
    const { routes, container } = show([run]);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Cancel evaluation' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Cancelled'));
    expect(routes.requests).toContain(`POST /evaluations/${run.evaluation_id}/cancel`);
    expect(screen.queryByRole('button', { name: 'Cancel evaluation' })).toBeNull();
    expect(container.querySelector('.vd-eval')?.getAttribute('data-status')).toBe('cancelled');
    await expectAccessible(container);
  });

  it('shows scorer errors as error badges (code visible, message for screen readers) and counts them per scorer', async () => {
    const rows = rowsOf(4).map((row, n) =>
      n === 1 ? { ...row, scores: { ...row.scores, correctness: { error: { error_code: 'TIMEOUT', error_message: 'The judge did not answer in 30 s' } } } } : row,
    );
    const { container } = show([fixtureRun({ rows })]);
    await waitFor(() => expect(bodyRows()).toHaveLength(4));
    const badge = bodyRows()[1]!.querySelector('[data-score="error"]')!;
    expect(badge.textContent).toBe('⚠ Error TIMEOUT: The judge did not answer in 30 s');
    expect(badge.getAttribute('title')).toBe('The judge did not answer in 30 s');
    const card = within(screen.getByRole('list', { name: 'Scorers' })).getAllByRole('listitem')[0]!;
    expect(card.querySelector('[data-errors]')?.textContent).toBe('1 error');
    expect(screen.getByRole('img', { name: /1 error$/ })).toBeTruthy();
    await expectAccessible(container);
  });

  it('sorts by a scorer column (fails first, then back) and marks the header with aria-sort', async () => {
    const { container } = show([fixtureRun({ rows: rowsOf(8) })]);
    const user = userEvent.setup();
    await waitFor(() => expect(bodyRows()).toHaveLength(8));
    const header = screen.getByRole('columnheader', { name: /correctness/ });
    expect(header.getAttribute('aria-sort')).toBe('none');
    await user.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('ascending');
    expect(cellTexts('score:correctness').slice(0, 3)).toEqual(['✘fail', '✘fail', '✔pass']);
    await user.click(within(header).getByRole('button'));
    expect(header.getAttribute('aria-sort')).toBe('descending');
    expect(cellTexts('score:correctness').slice(-2)).toEqual(['✘fail', '✘fail']);
    await user.click(within(screen.getByRole('columnheader', { name: /relevance/ })).getByRole('button'));
    expect(cellTexts('score:relevance')).toEqual(['0.00', '0.10', '0.20', '0.30', '0.40', '0.50', '0.60', '0.70']);
    await expectAccessible(container);
  });

  it('"Failing only" keeps the rows some scorer failed or errored on', async () => {
    const rows = rowsOf(8).map((row, n) => (n === 0 ? { ...row, scores: { ...row.scores, relevance: { error: { error_code: 'RATE_LIMITED' } } } } : row));
    const { container } = show([fixtureRun({ rows })]);
    const user = userEvent.setup();
    await waitFor(() => expect(bodyRows()).toHaveLength(8));
    await user.click(screen.getByRole('checkbox', { name: 'Failing only' }));
    expect(cellTexts('inputs')).toEqual(['What is a trace? (#1)', 'Can I undo a vote? (#4)', 'How do I rate an answer? (#8)']);
    await expectAccessible(container);
    await user.click(screen.getByRole('checkbox', { name: 'Failing only' }));
    expect(bodyRows()).toHaveLength(8);
  });

  it('opens a row to show each scorer’s rationale and the full inputs', async () => {
    const { container } = show([fixtureRun({ rows: rowsOf(4) })]);
    const user = userEvent.setup();
    const toggle = await screen.findByRole('button', { name: 'Details of row 4' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByText('Row 4 misses the key fact.')).toBeNull();
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const details = container.querySelector('.vd-eval-table__details')!;
    expect(within(details as HTMLElement).getByText('Row 4 misses the key fact.')).toBeTruthy();
    expect(within(details as HTMLElement).getByText('Relevance of row 4.')).toBeTruthy();
    expect(details.textContent).toContain('"question": "Can I undo a vote? (#4)"');
    await expectAccessible(container);
    await user.click(toggle);
    expect(container.querySelector('.vd-eval-table__details')).toBeNull();
  });

  it('renders only a window of 10,000 rows, and sorting still sees them all', async () => {
    const { container } = show([fixtureRun({ rows: rowsOf(10_000) })]);
    const user = userEvent.setup();
    await waitFor(() => expect(table().getAttribute('aria-rowcount')).toBe('10001'));
    const rendered = bodyRows().length;
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(100);
    expect(container.querySelector('.vd-eval-table__scroll')?.hasAttribute('data-virtual')).toBe(true);
    await user.click(within(screen.getByRole('columnheader', { name: /Inputs/ })).getByRole('button'));
    expect(cellTexts('inputs')[0]).toBe('Can I undo a vote? (#1004)');
    expect(bodyRows().length).toBeLessThan(100);
  });

  it('says so when a finished run has no rows', async () => {
    const { container } = show([fixtureRun({ rows: [], status: 'completed' })]);
    await screen.findByText('This evaluation has no rows.');
    expect(within(screen.getByRole('list', { name: 'Scorers' })).getAllByRole('listitem')[0]!.textContent).toContain('no scores yet');
    expect(screen.queryAllByRole('img')).toEqual([]);
    await expectAccessible(container);
  });

  it('shows why a run cannot be read, with a retry', async () => {
    const routes = scriptedEvalRoutes([]);
    const client = createEvaluationClient({ baseUrl: '/api', fetch: routes.fetch });
    const { container } = render(<EvalResults evaluationId="ev-0000000000000000000000000000dead" client={client} />);
    expect((await screen.findByRole('alert')).textContent).toContain('no evaluation at /evaluations/ev-0000000000000000000000000000dead');
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
    await expectAccessible(container);
  });

  it('reconnects after the event stream drops and catches up from the snapshot', async () => {
    const rows = rowsOf(3);
    const run = fixtureRun({ rows: rows.slice(0, 1), total: 3, status: 'running' });
    const routes = scriptedEvalRoutes([run]);
    const client = createEvaluationClient({ baseUrl: '/api', fetch: routes.fetch });
    const { container } = render(<EvalResults evaluationId={run.evaluation_id} client={client} />);
    await waitFor(() => expect(container.querySelector('.vd-eval-progress__text')?.textContent).toBe('1 / 3'));
    routes.drop(run.evaluation_id);
    // While disconnected the server goes on (a later GET sees it), then reconnecting catches up.
    routes.setRun(fixtureRun({ rows, total: 3, status: 'completed' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('Completed'), { timeout: 4000 });
    expect(bodyRows()).toHaveLength(3);
    expect(routes.requests.filter((request) => request.endsWith('/events')).length).toBeGreaterThanOrEqual(2);
  });
});
