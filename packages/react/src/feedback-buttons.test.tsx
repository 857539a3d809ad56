import { memoryStore, VerdictError } from '@verdict/core';
import type { Store } from '@verdict/core';
import { makeTrace } from '@verdict/core/testing';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedbackButtons } from './feedback-buttons';
import { expectAccessible } from './test-support/axe';
import { startChatServer } from './test-support/chat-server';
import type { ChatServer } from './test-support/chat-server';
import { VerdictProvider } from './verdict-provider';

let server: ChatServer;
afterEach(async () => {
  cleanup();
  await server.close();
});

async function serverWithTrace(options: { store?: Store } = {}) {
  server = await startChatServer(options);
  const trace = makeTrace();
  await server.store.traces.put(trace);
  return trace.info.trace_id;
}

const userFeedback = async (traceId: string) => (await server.assessmentsOf(traceId)).filter((assessment) => assessment.assessment_name === 'user_feedback');

describe('FeedbackButtons (thumbs)', () => {
  it('a thumbs down with a comment is stored on the trace, accessibly at every step', async () => {
    const traceId = await serverWithTrace();
    const user = userEvent.setup();
    const submissions: unknown[] = [];
    const { container } = render(<FeedbackButtons baseUrl={server.api} traceId={traceId} userId="alice" onSubmit={(submission) => submissions.push(submission)} />);
    await expectAccessible(container);
    const down = screen.getByRole('button', { name: 'Bad answer' });
    expect(down.getAttribute('aria-pressed')).toBe('false');
    await user.click(down);
    expect(down.getAttribute('aria-pressed')).toBe('true');
    await screen.findByText('Thanks for your feedback');
    await expectAccessible(container);
    await user.type(screen.getByLabelText('Tell us more (optional)'), 'The year is wrong');
    await user.click(screen.getByRole('button', { name: 'Send comment' }));
    await waitFor(() => expect(submissions).toHaveLength(2));
    await expectAccessible(container);
    const valid = (await userFeedback(traceId)).filter((assessment) => assessment.valid);
    expect(valid).toEqual([expect.objectContaining({ feedback: { value: false }, rationale: 'The year is wrong', source: { source_type: 'HUMAN', source_id: 'alice' } })]);
  });

  it('changing the vote overrides it, pressing it again undoes it, and a reload shows the stored vote', async () => {
    const traceId = await serverWithTrace();
    const user = userEvent.setup();
    const first = render(
      <VerdictProvider baseUrl={server.api}>
        <FeedbackButtons traceId={traceId} userId="bob" />
      </VerdictProvider>,
    );
    await user.click(screen.getByRole('button', { name: 'Good answer' }));
    await screen.findByText('Thanks for your feedback');
    await user.click(screen.getByRole('button', { name: 'Bad answer' }));
    await waitFor(async () => expect(await userFeedback(traceId)).toHaveLength(2));
    const votes = await userFeedback(traceId);
    const old = votes.find((assessment) => !assessment.valid);
    const current = votes.find((assessment) => assessment.valid);
    expect(old).toMatchObject({ valid: false, feedback: { value: true } });
    expect(current).toMatchObject({ valid: true, feedback: { value: false }, overrides: old?.assessment_id });

    first.unmount();
    const again = render(<FeedbackButtons baseUrl={server.api} traceId={traceId} userId="bob" />);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Bad answer' }).getAttribute('aria-pressed')).toBe('true'));
    await expectAccessible(again.container);
    await user.click(screen.getByRole('button', { name: 'Bad answer' }));
    await waitFor(async () => expect(await userFeedback(traceId)).toEqual([]));
    expect(screen.getByRole('button', { name: 'Bad answer' }).getAttribute('aria-pressed')).toBe('false');
    await expectAccessible(again.container);
  });

  it('rolls back and shows the error when the server refuses (invalid token) or fails (500)', async () => {
    server = await startChatServer({ feedbackSecret: 'react-feedback-secret' });
    const trace = makeTrace();
    await server.store.traces.put(trace);
    const user = userEvent.setup();
    const { container } = render(<FeedbackButtons baseUrl={server.api} traceId={trace.info.trace_id} feedbackToken="forged" userId="carol" />);
    const up = screen.getByRole('button', { name: 'Good answer' });
    await user.click(up);
    expect((await screen.findByRole('alert')).textContent).toMatch(/feedback token is not valid/);
    expect(up.getAttribute('aria-pressed')).toBe('false');
    await expectAccessible(container);
    cleanup();
    await server.close();

    const inner = memoryStore();
    const failing: Store = {
      ...inner,
      assessments: { ...inner.assessments, create: () => Promise.reject(new VerdictError('INTERNAL', 'disk on fire')) },
    };
    const traceId = await serverWithTrace({ store: failing });
    render(<FeedbackButtons baseUrl={server.api} traceId={traceId} userId="carol" />);
    await user.click(screen.getByRole('button', { name: 'Bad answer' }));
    await screen.findByRole('alert');
    expect(screen.getByRole('button', { name: 'Bad answer' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('is disabled without a trace id, and labels are configurable', async () => {
    server = await startChatServer();
    const { container } = render(<FeedbackButtons baseUrl={server.api} traceId={null} labels={{ positive: 'Helpful', negative: 'Not helpful' }} className="mine" />);
    expect((screen.getByRole('button', { name: 'Helpful' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Not helpful' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByRole('group').className).toBe('vd-feedback mine');
    expect(screen.getByRole('group').hasAttribute('data-disabled')).toBe(true);
    await expectAccessible(container);
  });
});

describe('FeedbackButtons (stars and dimensions)', () => {
  it('rates with arrow keys as a radio group and posts to /detailed-feedback', async () => {
    const traceId = await serverWithTrace();
    const user = userEvent.setup();
    const { container } = render(<FeedbackButtons baseUrl={server.api} traceId={traceId} userId="dana" dimensions={['accuracy', 'helpfulness']} />);
    await expectAccessible(container);
    const accuracy = screen.getByRole('radiogroup', { name: 'Accuracy' });
    expect(screen.getAllByRole('radiogroup')).toHaveLength(2);
    await user.click(screen.getAllByRole('radio', { name: '3 of 5' })[0]!);
    await user.keyboard('{ArrowRight}');
    const four = screen.getAllByRole('radio', { name: '4 of 5' })[0]!;
    expect(four.getAttribute('aria-checked')).toBe('true');
    expect(document.activeElement).toBe(four);
    await waitFor(async () => {
      const valid = (await server.assessmentsOf(traceId)).filter((assessment) => assessment.valid);
      expect(valid).toEqual([expect.objectContaining({ assessment_name: 'user_accuracy', feedback: { value: 0.75 }, metadata: { rating: '4' } })]);
    });
    expect(accuracy.getAttribute('aria-disabled')).toBeNull();
    await expectAccessible(container);
  });

  it('variant="stars" rates helpfulness and reads the stored rating back', async () => {
    const traceId = await serverWithTrace();
    const user = userEvent.setup();
    const first = render(<FeedbackButtons baseUrl={server.api} traceId={traceId} userId="erin" variant="stars" />);
    await user.click(screen.getByRole('radio', { name: '5 of 5' }));
    await waitFor(async () => expect((await server.assessmentsOf(traceId)).map((assessment) => assessment.assessment_name)).toEqual(['user_helpfulness']));
    first.unmount();
    render(<FeedbackButtons baseUrl={server.api} traceId={traceId} userId="erin" variant="stars" />);
    await waitFor(() => expect(screen.getByRole('radio', { name: '5 of 5' }).getAttribute('aria-checked')).toBe('true'));
  });
});
