import type { Meta, StoryObj } from '@storybook/react-vite';
import { FeedbackSummary } from '@verdict/react';
import { expect, waitFor, within } from 'storybook/test';
import { summaryRows } from './fake-traces-transport';
import { withTracesTransport } from './with-transport';

const meta = {
  title: 'Traces/FeedbackSummary',
  component: FeedbackSummary,
  args: { bucket: 'day' },
  decorators: [withTracesTransport({ traces: summaryRows(14) })],
} satisfies Meta<typeof FeedbackSummary>;
export default meta;

type Story = StoryObj<typeof meta>;

const loaded = async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  await waitFor(() => expect(canvasElement.querySelector('.vd-summary')?.getAttribute('data-status')).toBe('success'));
};

/** Two weeks of traces by day: both rates drift; one rating dimension (accuracy). */
export const Daily: Story = { play: loaded };

/** The last day by hour. */
export const Hourly: Story = {
  args: { bucket: 'hour', startTimeMs: Date.UTC(2023, 10, 14) },
  play: loaded,
};

const utcDate = (time: number) => new Date(time).getUTCDate();

/**
 * Gaps: no traces on 5–6 November, traces but no votes on the 10th. The lines break at the gap
 * and the positive rate skips the 10th (a "—" in the data table) instead of dipping to 0 %.
 */
export const WithGaps: Story = {
  decorators: [
    withTracesTransport({
      traces: summaryRows(14)
        .filter((row) => ![5, 6].includes(utcDate(row.request_time)))
        .map((row) =>
          utcDate(row.request_time) === 10 ? { ...row, assessments: row.assessments.filter((assessment) => assessment.assessment_name !== 'user_feedback') } : row,
        ),
    }),
  ],
  play: async (context) => {
    await loaded(context);
    const chart = context.canvasElement.querySelector('.vd-summary__svg')!;
    await expect(chart.querySelectorAll('.vd-summary__line--feedback')).toHaveLength(2);
    await expect(chart.querySelectorAll('.vd-summary__line--positive')).toHaveLength(3);
    const tenth = [...context.canvasElement.querySelectorAll('.vd-summary__table tbody tr')].find((row) => row.firstElementChild?.textContent === '2023-11-10');
    await expect(tenth?.children[4]?.textContent).toBe('—');
  },
};

/** A window with no traces: zeros, not NaN, and no chart. */
export const EmptyWindow: Story = {
  args: { startTimeMs: Date.UTC(2024, 0, 1) },
  play: loaded,
};

export const Loading: Story = {
  decorators: [withTracesTransport({ traces: [], summary: 'pending' })],
};

export const Failed: Story = {
  decorators: [withTracesTransport({ traces: [], summary: { error: 'The summary could not be computed' } })],
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('alert');
  },
};
