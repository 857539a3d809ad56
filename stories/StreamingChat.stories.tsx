import type { Meta, StoryObj } from '@storybook/react-vite';
import { StreamingChat } from '@verdict/react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { withTransport } from './with-transport';

const meta = {
  title: 'Chat/StreamingChat',
  component: StreamingChat,
  args: { userId: 'story-user', placeholder: 'Ask about MLflow tracing' },
  decorators: [withTransport({})],
} satisfies Meta<typeof StreamingChat>;
export default meta;

type Story = StoryObj<typeof meta>;

const answers = (canvasElement: HTMLElement) => canvasElement.querySelectorAll<HTMLElement>('li[data-role="assistant"]');

/** Types a question, sends it with Enter, and waits until its answer has finished. */
async function ask(canvasElement: HTMLElement, question: string, count: number): Promise<void> {
  await userEvent.type(within(canvasElement).getByLabelText('Message'), `${question}{Enter}`);
  await waitFor(() => expect(answers(canvasElement)[count - 1]?.dataset.state).toBe('complete'), { timeout: 3000 });
}

export const Empty: Story = {};

/** The answer never ends, so the chat stays mid-stream with Stop available. */
export const Streaming: Story = {
  decorators: [withTransport({ answers: [{ tokens: ['Traces record ', 'each step ', 'of a request'], end: 'hang' }] })],
  play: async ({ canvasElement }) => {
    await userEvent.type(within(canvasElement).getByLabelText('Message'), 'What is a trace?{Enter}');
    await within(canvasElement).findByText('Traces record each step of a request', {}, { timeout: 3000 });
  },
};

export const FinishedWithFeedback: Story = {
  decorators: [withTransport({ answers: [{ tokens: ['A span is ', 'one timed step.'] }] })],
  play: async ({ canvasElement }) => {
    await ask(canvasElement, 'What is a span?', 1);
    const answer = answers(canvasElement)[0]!;
    await userEvent.click(within(answer).getByRole('button', { name: 'Good answer' }));
    await within(answer).findByText('Thanks for your feedback');
  },
};

/** The model fails mid-answer: the stream's `error` event is shown as an alert. */
// Named apart from the global `Error`, which an export of that name would shadow in this module.
export const StreamError: Story = {
  name: 'Error',
  decorators: [withTransport({ answers: [{ tokens: ['Let me'], end: { error: 'The model is overloaded, try again' } }] })],
  play: async ({ canvasElement }) => {
    await userEvent.type(within(canvasElement).getByLabelText('Message'), 'Hello{Enter}');
    await within(canvasElement).findByRole('alert', {}, { timeout: 3000 });
  },
};

const QUESTIONS = ['What is a trace?', 'And a span?', 'How do I rate an answer?', 'Can I undo a vote?'];

export const LongConversation: Story = {
  decorators: [
    withTransport({
      tokenDelayMs: 5,
      answers: [
        { tokens: ['A trace ', 'is one request.'] },
        { tokens: ['A span ', 'is one step.'] },
        { tokens: ['Press ', '👍 or 👎.'] },
        { tokens: ['Press ', 'it again.'] },
      ],
    }),
  ],
  play: async ({ canvasElement }) => {
    for (const [index, question] of QUESTIONS.entries()) await ask(canvasElement, question, index + 1);
  },
};
