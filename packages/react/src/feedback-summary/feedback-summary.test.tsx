import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { expectAccessible } from '../test-support/axe';
import { ROWS_EPOCH } from '../test-support/trace-rows';
import { startTracesServer } from '../test-support/traces-server';
import type { TracesServer } from '../test-support/traces-server';
import { VerdictProvider } from '../verdict-provider';
import { FeedbackSummary } from './feedback-summary';

let server: TracesServer | undefined;
afterEach(async () => {
  cleanup();
  await server?.close();
  server = undefined;
});

const figure = (name: string) => {
  const term = screen.getByText(name, { selector: 'dt' });
  return term.nextElementSibling?.textContent;
};

describe('FeedbackSummary', { timeout: 30_000 }, () => {
  // Rows 0..29 (one a minute back from 22:13:20 UTC): 10 thumbs up, 10 down, 10 without a vote;
  // user_accuracy on rows 1, 5, …, 29 averaging 0.46875.
  it('shows the headline figures, an hourly chart with its data table, and the rating bars', async () => {
    server = await startTracesServer({ count: 30 });
    const user = userEvent.setup();
    const { container } = render(
      <VerdictProvider baseUrl={server.api}>
        <FeedbackSummary bucket="hour" />
      </VerdictProvider>,
    );
    await waitFor(() => expect(container.querySelector('.vd-summary')?.getAttribute('data-status')).toBe('success'));
    expect([figure('Traces'), figure('With feedback'), figure('Feedback rate'), figure('Positive rate'), figure('Thumbs up'), figure('Thumbs down')]).toEqual([
      '30',
      '20',
      '66.7 %',
      '50 %',
      '10',
      '10',
    ]);
    const chart = screen.getByRole('img', { name: 'Feedback rate and positive rate per hour' });
    expect(chart.querySelectorAll('polyline')).toHaveLength(2);
    // The text alternative: one row per hour, the same figures.
    await user.click(screen.getByText('Data table'));
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((row) => [...row.children].map((cell) => cell.textContent))).toEqual([
      // Rows 14–29 and rows 0–13 (22:00 onwards), 5 up and 5 down in each.
      ['2023-11-14 21:00 UTC', '16', '10', '62.5 %', '50 %', '5', '5'],
      ['2023-11-14 22:00 UTC', '14', '10', '71.4 %', '50 %', '5', '5'],
    ]);
    const accuracy = screen.getByText('Accuracy').closest('li')!;
    expect(accuracy.textContent).toBe('Accuracy0.47');
    await expectAccessible(container);
  });

  it('keeps to the window it is given, and says when it holds no traces', async () => {
    server = await startTracesServer({ count: 30 });
    const { container, rerender } = render(<FeedbackSummary baseUrl={server.api} startTimeMs={ROWS_EPOCH - 9 * 60_000} />);
    await waitFor(() => expect(figure('Traces')).toBe('10'));
    rerender(<FeedbackSummary baseUrl={server.api} startTimeMs={ROWS_EPOCH + 60_000} />);
    await screen.findByText('No traces in this window.');
    expect(figure('Feedback rate')).toBe('0 %');
    expect(screen.queryByRole('img')).toBeNull();
    await expectAccessible(container);
  });

  it('shows a failed load with a retry', async () => {
    server = await startTracesServer();
    const api = server.api;
    await server.close();
    render(<FeedbackSummary baseUrl={api} />);
    expect((await screen.findByRole('alert')).textContent).toMatch(/Retry$/);
  });
});
