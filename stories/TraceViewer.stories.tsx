import type { Meta, StoryObj } from '@storybook/react-vite';
import { TraceViewer } from '@verdict/react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { agentTrace, fixtureTraceId, largeTrace, ragTrace, ragTraceWithAssessments } from './trace-fixtures';
import { withTraceTransport } from './with-transport';

const RAG = ragTrace();
const AGENT = agentTrace();
const LARGE = largeTrace(5000);
const REVIEWED = ragTraceWithAssessments();

const meta = {
  title: 'Traces/TraceViewer',
  component: TraceViewer,
  args: { traceId: RAG.info.trace_id, source: { source_type: 'HUMAN', source_id: 'story-reviewer' } },
  decorators: [withTraceTransport({ traces: [RAG, AGENT, LARGE, REVIEWED] })],
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof TraceViewer>;
export default meta;

type Story = StoryObj<typeof meta>;

/** Waits until the trace has loaded (the span tree is there). */
const loaded = async (canvasElement: HTMLElement) => within(canvasElement).findByRole('tree', {}, { timeout: 5000 });

/** No trace chosen yet. */
export const Empty: Story = { args: { traceId: null } };

/** The server has no such trace. */
export const NotFound: Story = {
  args: { traceId: fixtureTraceId(0xdead) },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('alert');
  },
};

/** The request never answers. */
export const Loading: Story = { decorators: [withTraceTransport({ reads: 'pending' })] };

/** The server fails: the reason and a retry. */
export const Failed: Story = {
  decorators: [withTraceTransport({ reads: { error: 'The trace store is unavailable' } })],
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('alert');
  },
};

/** A small RAG trace, with the retriever selected: its documents. */
export const RagTrace: Story = {
  play: async ({ canvasElement }) => {
    const tree = await loaded(canvasElement);
    await userEvent.click(within(tree).getByText('retrieve_docs'));
    await within(canvasElement).findByRole('list', { name: '2 retrieved documents' });
  },
};

/** The chat model call of the RAG trace: a transcript with token usage. */
export const ChatTranscript: Story = {
  play: async ({ canvasElement }) => {
    const tree = await loaded(canvasElement);
    await userEvent.click(within(tree).getByText('openai.chat.completions.create'));
    await within(canvasElement).findByRole('list', { name: 'Chat transcript' });
  },
};

/** An agent that called two tools; the second timed out. */
export const AgentWithToolError: Story = {
  args: { traceId: AGENT.info.trace_id },
  play: async ({ canvasElement }) => {
    const tree = await loaded(canvasElement);
    await userEvent.click(within(tree).getByText('search_flights'));
    await within(canvasElement).findByRole('region', { name: 'Exception' });
  },
};

/** 5,000 spans: only the rows in view are rendered. */
export const FiveThousandSpans: Story = {
  args: { traceId: LARGE.info.trace_id },
  play: async ({ canvasElement }) => {
    await loaded(canvasElement);
  },
};

/** A judge's verdict overridden twice by people, opened to show the history. */
export const AssessmentsWithOverrides: Story = {
  args: { traceId: REVIEWED.info.trace_id },
  play: async ({ canvasElement }) => {
    await loaded(canvasElement);
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByText('2 earlier values'));
    await waitFor(() => expect(canvas.getByText('2 earlier values').closest('details')?.open).toBe(true));
  },
};

/** The add form submitted empty, then with broken JSON: inline errors. */
export const AddFormWithErrors: Story = {
  args: { defaultAdding: true },
  play: async ({ canvasElement }) => {
    await loaded(canvasElement);
    const form = within(await within(canvasElement).findByRole('form', { name: 'Add assessment' }));
    await userEvent.selectOptions(form.getByLabelText('Value type'), 'json');
    await userEvent.type(form.getByLabelText('Value (JSON)'), '{{"score": ');
    await userEvent.click(form.getByRole('button', { name: 'Add assessment' }));
    await form.findByText('Give the assessment a name');
    await form.findByText(/^Not valid JSON/);
  },
};

/** For reviewers who may only look: no Add, Edit or Delete. */
export const ReadOnly: Story = {
  args: { traceId: REVIEWED.info.trace_id, readOnly: true },
  play: async ({ canvasElement }) => {
    await loaded(canvasElement);
  },
};
