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
