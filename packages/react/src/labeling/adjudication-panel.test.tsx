import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible } from '../test-support/axe';
import { seedSession, startReviewServer } from '../test-support/review-server';
import type { ReviewServer } from '../test-support/review-server';
import { VerdictProvider } from '../verdict-provider';
import { AdjudicationPanel, formatLabelValue } from './adjudication-panel';

// Every wait crosses a real HTTP server on a machine shared with other test runs.
configure({ asyncUtilTimeout: 5000 });

let server: ReviewServer;
beforeAll(async () => {
  server = await startReviewServer();
});
afterAll(() => server.close());
afterEach(cleanup);

describe('AdjudicationPanel with a real server', () => {
  it('lists the items reviewers disagree on, takes a picked or written gold label, and drops settled items', async () => {
    const sessionId = await seedSession(server, 2, { name: 'Overlap session', reviewers: ['ann', 'bob'], reviewersPerItem: 2 });
    const dev = server.as('token-dev');
    const [first, second] = (await dev.listLabelingItems(sessionId)).items;
    const label = (token: string, itemId: string, correct: string, expected: string) =>
      server.as(token).submitLabels(sessionId, itemId, { labels: { correct, expected_response: expected } });
    await label('token-ann', first!.item_id, 'yes', '3 to 5 days');
    await label('token-bob', first!.item_id, 'no', '3 to 5 days');
    await label('token-ann', second!.item_id, 'partly', 'Five days');
    await label('token-bob', second!.item_id, 'partly', 'A week');

    const user = userEvent.setup();
    const { container } = render(
      <VerdictProvider baseUrl={server.api} headers={server.headers('token-dev')}>
        <AdjudicationPanel sessionId={sessionId} />
      </VerdictProvider>,
    );
    await screen.findByRole('heading', { name: 'Disagreements: Overlap session' });
    const agreement = screen.getByRole('table', { name: 'Agreement per question' });
    expect(within(agreement).getByRole('row', { name: /correct/ }).textContent).toContain("Cohen's kappa");
    // Per reviewer: each agreed with the other on one of two items per question; no gold labels yet.
    const reviewerRows = () =>
      within(screen.getByRole('table', { name: 'Agreement per reviewer' }))
        .getAllByRole('row')
        .map((row) => [...row.children].map((cell) => cell.textContent));
    expect(reviewerRows()).toEqual([
      ['Reviewer', 'Question', 'Items shared', 'Agrees with others', 'Matches gold label'],
      ['ann', 'correct', '2', '50 %', '—'],
      ['ann', 'expected_response', '2', '50 %', '—'],
      ['bob', 'correct', '2', '50 %', '—'],
      ['bob', 'expected_response', '2', '50 %', '—'],
    ]);
    expect(within(screen.getByRole('table', { name: 'Agreement per reviewer' })).getAllByRole('rowheader').map((cell) => cell.textContent)).toEqual([
      'ann',
      'ann',
      'bob',
      'bob',
    ]);
    const items = screen.getAllByRole('listitem').filter((element) => element.classList.contains('vd-adjudication__item'));
    expect(items).toHaveLength(2);
    expect(items[0]?.textContent).toContain('ann: yes');
    expect(items[0]?.textContent).toContain('bob: no');
    // Item 2 only disputes the expected response; its agreed "partly" is not asked again.
    expect(within(items[1]!).queryByRole('radiogroup')).toBeNull();
    await expectAccessible(container);

    // Item 1: take Bob's verdict, and the (agreed) text is not in dispute there.
    await user.click(within(items[0]!).getByRole('button', { name: "Use bob's answer to Is the answer correct?" }));
    expect((within(items[0]!).getByRole('radio', { name: /no/ }) as HTMLInputElement).checked).toBe(true);
    await user.click(within(items[0]!).getByRole('button', { name: 'Save gold label' }));
    await screen.findByText(`Saved the gold label of ${first!.item_id}.`);
    await waitFor(() => expect(container.querySelectorAll('.vd-adjudication__item')).toHaveLength(1));

    // Item 2: write a gold answer of one's own.
    const box = screen.getByRole('textbox', { name: 'The answer it should have given' });
    await user.type(box, '3 to 5 business days');
    await user.click(screen.getByRole('button', { name: 'Save gold label' }));
    await screen.findByText('No disagreements left to settle.');
    // Gold: Bob's "no" on item 1; on item 2 a text neither reviewer wrote.
    expect(reviewerRows().slice(1)).toEqual([
      ['ann', 'correct', '2', '50 %', '0 % of 1'],
      ['ann', 'expected_response', '2', '50 %', '0 % of 1'],
      ['bob', 'correct', '2', '50 %', '100 % of 1'],
      ['bob', 'expected_response', '2', '50 %', '0 % of 1'],
    ]);
    await expectAccessible(container);

    const settled = (await dev.listLabelingItems(sessionId)).items;
    expect(settled.map((item) => item.adjudicated?.labels)).toEqual([
      { correct: { value: 'no' } },
      { expected_response: { value: '3 to 5 business days' } },
    ]);
  }, 20_000);

  it('formats list values on one line', () => {
    expect(formatLabelValue(['a', 'b'])).toBe('a · b');
    expect(formatLabelValue(4)).toBe('4');
  });
});
