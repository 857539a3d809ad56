import { VerdictError } from '@verdict/core';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { StreamingChat } from './streaming-chat';
import { expectAccessible } from './test-support/axe';
import { startChatServer } from './test-support/chat-server';
import type { ChatServer, Tokens } from './test-support/chat-server';
import { VerdictProvider } from './verdict-provider';

let server: ChatServer;
afterEach(async () => {
  cleanup();
  await server.close();
});

/** Answers with `first`, then waits until the user stops (or a long time passes). */
const slowAfter = (first: string): Tokens =>
  async function* ({ signal }) {
    yield first;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 10_000);
      signal.addEventListener('abort', () => (clearTimeout(timer), resolve()));
    });
    if (!signal.aborted) yield 'too late';
  };

const answers = () => screen.queryAllByRole('listitem').filter((item) => item.dataset.role === 'assistant');

describe('StreamingChat', () => {
  it('Enter sends, Shift+Enter adds a line; the streamed answer gets feedback once finished', async () => {
    server = await startChatServer();
    const user = userEvent.setup();
    const { container } = render(
      <VerdictProvider baseUrl={server.api}>
        <StreamingChat userId="alice" />
      </VerdictProvider>,
    );
    await expectAccessible(container);
    const input = screen.getByLabelText('Message');
    await user.type(input, 'hello{Shift>}{Enter}{/Shift}world');
    expect((input as HTMLTextAreaElement).value).toBe('hello\nworld');
    await user.keyboard('{Enter}');
    expect((input as HTMLTextAreaElement).value).toBe('');
    expect(container.querySelector('.vd-chat__status')?.textContent).toBe('Generating answer…');
    await expectAccessible(container);
    await waitFor(() => expect(answers()[0]?.dataset.state).toBe('complete'));
    const answer = answers()[0]!;
    expect(within(answer).getByText('echo: hello world', { normalizer: (text) => text.replace(/\s+/g, ' ') })).toBeTruthy();
    expect(container.querySelector('.vd-chat__status')?.textContent).toBe('');
    const up = within(answer).getByRole('button', { name: 'Good answer' }) as HTMLButtonElement;
    expect(up.disabled).toBe(false);
    await expectAccessible(container);
    await user.click(up);
    await within(answer).findByText('Thanks for your feedback');
    const [request] = server.requests;
    expect(request).toEqual({ message: 'hello\nworld', messages: [] });

    await user.type(input, 'again{Enter}');
    await waitFor(() => expect(answers()).toHaveLength(2));
    await waitFor(() => expect(answers()[1]?.dataset.state).toBe('complete'));
    expect(server.requests[1]?.messages).toEqual([
      { role: 'user', content: 'hello\nworld' },
      { role: 'assistant', content: 'echo: hello\nworld' },
    ]);
    await expectAccessible(container);
  });

  it('Stop mid-stream keeps the partial answer, still rateable, and logs implicit_stop', async () => {
    server = await startChatServer({ tokens: slowAfter('Once upon a time') });
    const user = userEvent.setup();
    const { container } = render(<StreamingChat baseUrl={server.api} userId="bob" implicitFeedback />);
    await user.type(screen.getByLabelText('Message'), 'Tell me a story{Enter}');
    await screen.findByText('Once upon a time');
    const input = screen.getByLabelText('Message');
    await user.type(input, 'more{Enter}');
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
    expect(server.requests).toHaveLength(1);
    await expectAccessible(container);
    await user.click(screen.getByRole('button', { name: 'Stop' }));
    const answer = answers()[0]!;
    expect(answer.dataset.state).toBe('stopped');
    expect(within(answer).getByText('Once upon a time')).toBeTruthy();
    await user.click(within(answer).getByRole('button', { name: 'Bad answer' }));
    await within(answer).findByText('Thanks for your feedback');
    await expectAccessible(container);
    const traceId = (await server.store.traces.search({})).traces[0]!.trace_id;
    await waitFor(async () => {
      const names = (await server.assessmentsOf(traceId)).map((assessment) => assessment.assessment_name).sort();
      expect(names).toEqual(['implicit_stop', 'user_feedback']);
    });
    const stopSignal = (await server.assessmentsOf(traceId)).find((assessment) => assessment.assessment_name === 'implicit_stop');
    expect(stopSignal).toMatchObject({ metadata: { kind: 'implicit' }, source: { source_type: 'HUMAN', source_id: 'bob' } });
  });

  it('shows an error event as an alert and keeps the conversation usable', async () => {
    server = await startChatServer({
      tokens: async function* () {
        yield 'Partial';
        throw new VerdictError('UNAVAILABLE', 'the model is overloaded');
      },
    });
    const user = userEvent.setup();
    const { container } = render(<StreamingChat baseUrl={server.api} />);
    await user.type(screen.getByLabelText('Message'), 'Hi{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('the model is overloaded');
    expect(answers()[0]?.dataset.state).toBe('error');
    expect(within(answers()[0]!).getByText('Partial')).toBeTruthy();
    await user.type(screen.getByLabelText('Message'), 'Retry');
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(false);
    await expectAccessible(container);
  });

  it('renders streamed HTML as text: no element is created', async () => {
    const attack = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    server = await startChatServer({
      tokens: async function* () {
        yield attack;
      },
    });
    const user = userEvent.setup();
    const { container } = render(<StreamingChat baseUrl={server.api} />);
    await user.type(screen.getByLabelText('Message'), 'Hi{Enter}');
    await waitFor(() => expect(answers()[0]?.dataset.state).toBe('complete'));
    expect(answers()[0]?.querySelector('.vd-message__content')?.textContent).toBe(attack);
    expect(container.querySelector('img, script')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('logs implicit_copy when an answer is copied (opt-in)', async () => {
    server = await startChatServer();
    const user = userEvent.setup();
    render(<StreamingChat baseUrl={server.api} userId="carol" implicitFeedback />);
    await user.type(screen.getByLabelText('Message'), 'copy me{Enter}');
    await waitFor(() => expect(answers()[0]?.dataset.state).toBe('complete'));
    await user.click(within(answers()[0]!).getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe('echo: copy me');
    const traceId = (await server.store.traces.search({})).traces[0]!.trace_id;
    await waitFor(async () => {
      const copies = (await server.assessmentsOf(traceId)).filter((assessment) => assessment.assessment_name === 'implicit_copy');
      expect(copies).toEqual([expect.objectContaining({ feedback: { value: true }, metadata: { kind: 'implicit' } })]);
    });
  });

  it('regenerate and edit-and-resend replace answers and log implicit_regenerate / implicit_edit', async () => {
    server = await startChatServer();
    const user = userEvent.setup();
    const { container } = render(<StreamingChat baseUrl={server.api} userId="dan" implicitFeedback />);
    await user.type(screen.getByLabelText('Message'), 'first{Enter}');
    await waitFor(() => expect(answers()[0]?.dataset.state).toBe('complete'));
    const firstTrace = (await server.store.traces.search({})).traces[0]!.trace_id;
    await user.click(screen.getByRole('button', { name: 'Regenerate' }));
    await waitFor(() => expect(server.requests).toHaveLength(2));
    await waitFor(() => expect(answers()[0]?.dataset.state).toBe('complete'));
    expect(answers()).toHaveLength(1);
    expect(server.requests[1]).toEqual({ message: 'first', messages: [] });

    await user.click(screen.getByRole('button', { name: 'Edit' }));
    const input = screen.getByLabelText('Message') as HTMLTextAreaElement;
    expect(input.value).toBe('first');
    expect(screen.getByText('Editing your message')).toBeTruthy();
    await expectAccessible(container);
    await user.clear(input);
    await user.type(input, 'second{Enter}');
    await waitFor(() => expect(answers()[0]?.textContent).toContain('echo: second'));
    expect(screen.getAllByRole('listitem').filter((item) => item.dataset.role === 'user').map((item) => item.querySelector('.vd-message__content')?.textContent)).toEqual(['second']);
    // Implicit signals are fire-and-forget: wait until they have landed.
    await waitFor(async () => expect((await server.assessmentsOf(firstTrace)).map((assessment) => assessment.assessment_name)).toEqual(['implicit_regenerate']));
    await waitFor(async () => {
      const traces = (await server.store.traces.search({})).traces.map((trace) => trace.trace_id);
      const names = await Promise.all(traces.map(async (id) => (await server.assessmentsOf(id)).map((assessment) => assessment.assessment_name)));
      expect(names.flat().sort()).toEqual(['implicit_edit', 'implicit_regenerate']);
    });
  });
});
