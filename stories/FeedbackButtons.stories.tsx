import type { Meta, StoryObj } from '@storybook/react-vite';
import { FeedbackButtons } from '@verdict/react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { STORY_TRACE_ID } from './fake-transport';
import { withTransport } from './with-transport';

const meta = {
  title: 'Feedback/FeedbackButtons',
  component: FeedbackButtons,
  args: { traceId: STORY_TRACE_ID, feedbackToken: 'token-1', userId: 'story-user' },
  decorators: [withTransport({})],
} satisfies Meta<typeof FeedbackButtons>;
export default meta;

type Story = StoryObj<typeof meta>;

export const Idle: Story = {};

/** Read back from `GET /feedback`, as after a page reload. */
export const VotedUp: Story = {
  decorators: [withTransport({ stored: { user_feedback: { value: true } } })],
};

export const VotedDownWithComment: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Bad answer' }));
    await userEvent.type(await canvas.findByLabelText('Tell us more (optional)'), 'The year is wrong');
    await userEvent.click(canvas.getByRole('button', { name: 'Send comment' }));
    // Waits for the stored comment, so the story (and its test) ends in the settled state.
    await waitFor(() => expect(canvas.getByRole('group').dataset.state).toBe('submitted'));
  },
};

/** The write never answers, so the optimistic vote stays pending. */
export const Submitting: Story = {
  decorators: [withTransport({ writes: 'pending' })],
  play: async ({ canvasElement }) => {
    await userEvent.click(within(canvasElement).getByRole('button', { name: 'Good answer' }));
  },
};

/** The server refuses the vote: it is rolled back and the reason shown. */
export const Failed: Story = {
  decorators: [withTransport({ writes: { error: 'Feedback service is down' } })],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Bad answer' }));
    await canvas.findByRole('alert');
  },
};

/** No trace id yet (the answer is still streaming): nothing to rate. */
export const Disabled: Story = {
  args: { traceId: null, feedbackToken: null },
};

export const Stars: Story = {
  args: { variant: 'stars' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole('radio', { name: '4 of 5' }));
    await waitFor(() => expect(canvasElement.querySelector('.vd-stars')?.getAttribute('data-state')).toBe('submitted'));
  },
};

/** One row per dimension; accuracy was rated 5 before (stored normalised, 1 → 5 stars). */
export const Dimensions: Story = {
  args: { dimensions: ['accuracy', 'helpfulness', 'relevance'] },
  decorators: [withTransport({ stored: { user_accuracy: { value: 1 } } })],
};
