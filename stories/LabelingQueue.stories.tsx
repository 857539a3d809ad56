import type { Meta, StoryObj } from '@storybook/react-vite';
import { AdjudicationPanel, LabelingQueue } from '@verdict/react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { STORY_SESSION_ID } from './fake-review-transport';
import { CORRECT, EXPECTED_RESPONSE, HELPFULNESS } from './labeling-schemas';
import { withReviewTransport } from './with-transport';

const SCHEMAS = [CORRECT, HELPFULNESS, EXPECTED_RESPONSE];

const meta = {
  title: 'Review/LabelingQueue',
  component: LabelingQueue,
  args: { sessionId: STORY_SESSION_ID, confirmDiscard: () => true },
  decorators: [withReviewTransport({ sessionName: 'Shipping answers, week 46', schemas: SCHEMAS, queue: 28, completedBefore: 12 })],
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof LabelingQueue>;
export default meta;

type Story = StoryObj<typeof meta>;

/** Waits until the first item's form is there. */
const ready = async (canvasElement: HTMLElement) => within(canvasElement).findByRole('form', { name: 'Labels' }, { timeout: 5000 });

/** A reviewer's queue part-way through the session: 12 / 40, the trace beside the form. */
export const WithProgress: Story = {
  play: async ({ canvasElement }) => {
    await ready(canvasElement);
  },
};

/** One item labeled with the keyboard (2, Tab, 4, Tab, text, Ctrl+Enter): the next item, 13 / 40. */
export const AfterSubmit: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await ready(canvasElement);
    await waitFor(() => expect(canvasElement.ownerDocument.activeElement?.getAttribute('type')).toBe('radio'));
    await userEvent.keyboard('2');
    await userEvent.tab();
    await userEvent.tab();
    await userEvent.keyboard('4');
    await userEvent.click(canvas.getByRole('textbox', { name: 'The answer it should have given' }));
    await userEvent.keyboard('Standard shipping takes 3 to 5 business days.{Control>}{Enter}{/Control}');
    await canvas.findByText('Item 2 of 28', {}, { timeout: 5000 });
  },
};

/** The shortcuts dialog, opened with `?`. */
export const Shortcuts: Story = {
  play: async ({ canvasElement }) => {
    await ready(canvasElement);
    await userEvent.keyboard('?');
    await within(canvasElement).findByRole('dialog', { name: 'Keyboard shortcuts' });
  },
};

/** Nothing left in the reviewer's queue. */
export const Completed: Story = {
  decorators: [withReviewTransport({ sessionName: 'Shipping answers, week 45', schemas: SCHEMAS, queue: 0, completedBefore: 40 })],
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('heading', { name: 'All done' }, { timeout: 5000 });
  },
};

/** The session cannot be loaded: the reason and a retry. */
export const Failed: Story = {
  decorators: [withReviewTransport({ sessionName: 'x', schemas: SCHEMAS, queue: 1, reads: { error: 'The review store is unavailable' } })],
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('alert');
  },
};

/** The developer's disagreement view: agreement per question and per reviewer, each reviewer's value, the gold label. */
export const Disagreements: Story = {
  decorators: [
    withReviewTransport({
      sessionName: 'Shipping answers, double-reviewed',
      schemas: SCHEMAS,
      queue: 3,
      disagreements: [
        { item: 0, schema: 'correct', values: { ann: 'yes', bob: 'no' } },
        { item: 0, schema: 'helpfulness', values: { ann: 4, bob: 2 } },
        { item: 2, schema: 'expected_response', values: { ann: 'Three to five days.', bob: 'Next business day with express.' } },
      ],
    }),
  ],
  render: (args) => <AdjudicationPanel sessionId={args.sessionId} />,
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('table', { name: 'Agreement per question' }, { timeout: 5000 });
    await within(canvasElement).findByRole('table', { name: 'Agreement per reviewer' });
  },
};
