import { createEvaluationClient } from '@verdict/core';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { expectAccessible } from '../test-support/axe';
import { fixtureComparison, fixtureEvaluationId } from '../test-support/eval-fixtures';
import { scriptedEvalRoutes } from '../test-support/eval-routes';
import { EvalResults } from './eval-results';

afterEach(cleanup);

const rows = () => [...screen.getByRole('table', { name: 'Compared rows' }).querySelectorAll<HTMLTableRowElement>('tr.vd-eval-table__row')];
const BASE = fixtureEvaluationId(1);
const CANDIDATE = fixtureEvaluationId(2);

function show(withComparison = true) {
  const routes = scriptedEvalRoutes([], withComparison ? fixtureComparison() : undefined);
  const client = createEvaluationClient({ baseUrl: '/api', fetch: routes.fetch });
  return { routes, ...render(<EvalResults compare={{ base: BASE, candidate: CANDIDATE }} client={client} />) };
}

describe('EvalResults compare mode', { timeout: 20_000 }, () => {
  it('shows per-scorer deltas and every row with its change, regressions first and marked', async () => {
    const { routes, container } = show();
    await screen.findByText('1 regressed · 1 improved · 1 unchanged');
    expect(routes.requests).toEqual([`GET /evaluations/compare?base=${BASE}&candidate=${CANDIDATE}`]);
    const cards = within(screen.getByRole('list', { name: 'Scorer changes' })).getAllByRole('listitem');
    expect(cards.map((card) => [card.dataset.scorer, card.dataset.change, card.textContent])).toEqual([
      ['correctness', 'improved', 'correctness▲ +0.25 (improved)0.50 → 0.75'],
      ['relevance', 'regressed', 'relevance▼ -0.15 (regressed)0.60 → 0.45'],
    ]);
    await waitFor(() => expect(rows()).toHaveLength(3));
    expect(rows().map((row) => row.dataset.change)).toEqual(['regressed', 'improved', 'unchanged']);
    expect(rows()[0]!.querySelector('td[data-column="inputs"]')?.textContent).toBe('Can I undo a vote?');
    expect(rows()[0]!.querySelector('td[data-column="score:correctness"]')?.textContent).toBe('base ✔pass→, candidate ✘fail');
    expect(rows()[0]!.querySelector('td[data-column="change"]')?.textContent).toBe('▼ regressed');
    await expectAccessible(container);
  });

  it('opens a row to both runs’ rationales, and filters to regressions only', async () => {
    const { container } = show();
    const user = userEvent.setup();
    await waitFor(() => expect(rows()).toHaveLength(3));
    await user.click(within(rows()[0]!).getByRole('button', { name: /^Details of row/ }));
    const details = container.querySelector<HTMLElement>('.vd-eval-table__details')!;
    expect(within(details).getByText('Says press again.')).toBeTruthy();
    expect(within(details).getByText('Claims votes are final.')).toBeTruthy();
    await expectAccessible(container);
    await user.click(screen.getByRole('checkbox', { name: 'Regressions only' }));
    expect(rows().map((row) => row.dataset.change)).toEqual(['regressed']);
    // Sorting by change the other way puts regressions last; the header says so.
    await user.click(screen.getByRole('checkbox', { name: 'Regressions only' }));
    await user.click(within(screen.getByRole('columnheader', { name: /Change/ })).getByRole('button'));
    expect(rows().map((row) => row.dataset.change)).toEqual(['unchanged', 'improved', 'regressed']);
    expect(screen.getByRole('columnheader', { name: /Change/ }).getAttribute('aria-sort')).toBe('descending');
  });

  it('shows why the runs cannot be compared, with a retry', async () => {
    const { container, routes } = show(false);
    expect((await screen.findByRole('alert')).textContent).toContain('no such runs');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(routes.requests).toHaveLength(2));
    await expectAccessible(container);
  });
});
