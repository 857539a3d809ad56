import { makeTrace } from '@verdict/core/testing';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Feedback, useFeedbackPart } from './feedback';
import { expectAccessible } from './test-support/axe';
import { startChatServer } from './test-support/chat-server';
import type { ChatServer } from './test-support/chat-server';

let server: ChatServer | undefined;
afterEach(async () => {
  cleanup();
  await server?.close();
  server = undefined;
});

function Undo() {
  const { value, undo } = useFeedbackPart();
  return value === null ? null : (
    <button type="button" onClick={undo}>
      Undo
    </button>
  );
}

describe('Feedback parts (headless)', () => {
  it('compose with refs, classes and data-state; vote by keyboard; a custom part undoes', async () => {
    const api = await startChatServer();
    server = api;
    const trace = makeTrace();
    await api.store.traces.put(trace);
    const traceId = trace.info.trace_id;
    const rootRef = createRef<HTMLDivElement>();
    const upRef = createRef<HTMLButtonElement>();
    const user = userEvent.setup();
    const { container } = render(
      <Feedback.Root ref={rootRef} baseUrl={api.api} traceId={traceId} userId="zoe" name="user_helpful" className="my-root" aria-label="Was this helpful?">
        <Feedback.Positive ref={upRef} className="my-up">
          Yes
        </Feedback.Positive>
        <Feedback.Negative>No</Feedback.Negative>
        <Feedback.Comment label="Why?" submitLabel="Send" />
        <Undo />
      </Feedback.Root>,
    );
    expect(rootRef.current?.className).toBe('my-root');
    expect(rootRef.current?.dataset.state).toBe('idle');
    expect(upRef.current?.className).toBe('my-up');
    expect(screen.queryByLabelText('Why?')).toBeNull();
    await user.tab();
    expect(document.activeElement).toBe(upRef.current);
    await user.keyboard(' ');
    expect(upRef.current?.dataset.state).toBe('on');
    await waitFor(() => expect(rootRef.current?.dataset.state).toBe('submitted'));
    await expectAccessible(container);
    await waitFor(async () =>
      expect(await api.assessmentsOf(traceId)).toEqual([expect.objectContaining({ assessment_name: 'user_helpful', feedback: { value: true } })]),
    );
    await user.click(screen.getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(rootRef.current?.dataset.state).toBe('idle'));
    expect(upRef.current?.getAttribute('aria-pressed')).toBe('false');
    expect(await api.assessmentsOf(traceId)).toEqual([]);
    await expectAccessible(container);
  });

  it('parts outside a root say so', () => {
    expect(() => render(<Feedback.Positive>Yes</Feedback.Positive>)).toThrow(/inside <Feedback.Root>/);
  });
});
