import type { FeedbackSummaryBucket } from '@verdict/core';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { expectAccessible } from '../test-support/axe';
import { RateChart } from './rate-chart';

afterEach(cleanup);

const HOUR = 3_600_000;
const T0 = Date.UTC(2023, 10, 14, 8);

const bucketAt = (hour: number, total: number, up: number, down: number): FeedbackSummaryBucket => {
  const voted = Math.min(total, up + down);
  return {
    start_time_ms: T0 + hour * HOUR,
    total_traces: total,
    traces_with_feedback: voted,
    feedback_rate: (voted / total) * 100,
    // The server reports 0 when nobody voted; the chart must not draw that as a rate.
    positive_rate: up + down === 0 ? 0 : (up / (up + down)) * 100,
    positive_count: up,
    negative_count: down,
  };
};

describe('RateChart', () => {
  // 08:00 and 09:00 voted, 10:00 had traces but no votes, 11:00–12:00 had no traces, 13:00 voted.
  const buckets = [bucketAt(0, 4, 3, 1), bucketAt(1, 2, 1, 1), bucketAt(2, 5, 0, 0), bucketAt(5, 2, 2, 0)];

  it('breaks lines at missing buckets and leaves out positive rates without votes', async () => {
    const { container } = render(<RateChart buckets={buckets} bucket="hour" />);
    const chart = screen.getByRole('img', { name: 'Feedback rate and positive rate per hour' });
    const pointCounts = (kind: string) =>
      [...chart.querySelectorAll(`polyline.vd-summary__line--${kind}`)].map((line) => line.getAttribute('points')!.split(' ').length);
    // Feedback rate: 08–10 joined (10:00 truly had 0 % feedback), then 13:00 alone after the gap.
    expect(pointCounts('feedback')).toEqual([3, 1]);
    // Positive rate: 08–09, then nothing at 10:00 (no votes), then 13:00.
    expect(pointCounts('positive')).toEqual([2, 1]);
    expect(chart.querySelectorAll('.vd-summary__dot--feedback')).toHaveLength(4);
    expect(chart.querySelectorAll('.vd-summary__dot--positive')).toHaveLength(3);
    // No positive-rate point sits on the 0 % line.
    const zeroY = chart.querySelector('.vd-summary__grid line')!.getAttribute('y1');
    expect([...chart.querySelectorAll('.vd-summary__dot--positive')].map((dot) => dot.getAttribute('cy'))).not.toContain(zeroY);

    const rows = within(screen.getByRole('table', { hidden: true })).getAllByRole('row', { hidden: true }).slice(1);
    expect(rows.map((row) => [...row.children].map((cell) => cell.textContent))).toEqual([
      ['2023-11-14 08:00 UTC', '4', '4', '100 %', '75 %', '3', '1'],
      ['2023-11-14 09:00 UTC', '2', '2', '100 %', '50 %', '1', '1'],
      ['2023-11-14 10:00 UTC', '5', '0', '0 %', '—', '0', '0'],
      ['2023-11-14 13:00 UTC', '2', '2', '100 %', '100 %', '2', '0'],
    ]);
    await expectAccessible(container);
  });

  it('joins adjacent days into one line per rate', () => {
    const days = [0, 1, 2].map((day) => ({ ...bucketAt(0, 2, 1, 1), start_time_ms: Date.UTC(2023, 10, 14 + day) }));
    render(<RateChart buckets={days} bucket="day" />);
    const chart = screen.getByRole('img');
    expect([...chart.querySelectorAll('polyline')].map((line) => line.getAttribute('points')!.split(' ').length)).toEqual([3, 3]);
  });
});
