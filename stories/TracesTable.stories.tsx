import type { Meta, StoryObj } from '@storybook/react-vite';
import { TracesTable } from '@verdict/react';
import { expect, waitFor, within } from 'storybook/test';
import { storyRows } from './fake-traces-transport';
import { withTracesTransport } from './with-transport';

const meta = {
  title: 'Traces/TracesTable',
  component: TracesTable,
  args: { onOpenTrace: () => undefined },
  decorators: [withTracesTransport({ traces: storyRows(12) })],
} satisfies Meta<typeof TracesTable>;
export default meta;

type Story = StoryObj<typeof meta>;

/** Waits until the first page has loaded, so the story (and its test) ends settled. */
const loaded = async ({ canvasElement }: { canvasElement: HTMLElement }) => {
  await waitFor(() => expect(canvasElement.querySelector('.vd-traces')?.getAttribute('data-status')).toBe('success'));
};

/** 12 traces with votes, ratings, a judge's tone label and a long reviewer note. */
export const WithAssessments: Story = { play: loaded };

/** Rows can be selected, e.g. to send them to a labeling session. */
export const Selectable: Story = {
  args: { selectable: true, defaultPageSize: 25 },
  play: async (context) => {
    await loaded(context);
    const canvas = within(context.canvasElement);
    canvas.getByRole('checkbox', { name: 'Select all traces on this page' }).click();
    await waitFor(() => expect(context.canvasElement.querySelectorAll('tr[aria-selected="true"]')).toHaveLength(12));
  },
};

export const Empty: Story = {
  decorators: [withTracesTransport({ traces: [] })],
  play: loaded,
};

/** The first page never arrives. */
export const Loading: Story = {
  decorators: [withTracesTransport({ traces: 'pending' })],
};

export const Failed: Story = {
  decorators: [withTracesTransport({ traces: { error: 'The trace store is unavailable' } })],
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('alert');
  },
};

/** 10,000 traces on one page: only the rows in view are rendered, so scrolling stays smooth. */
export const TenThousandRows: Story = {
  decorators: [withTracesTransport({ traces: storyRows(10_000), onePage: true })],
  args: { defaultPageSize: 1000 },
  play: loaded,
};
