import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectAccessible } from '../test-support/axe';
import { SEEDED_SCHEMAS, seedSession, startReviewServer } from '../test-support/review-server';
import type { ReviewServer } from '../test-support/review-server';
import { VerdictProvider } from '../verdict-provider';
import { LabelingForm } from './labeling-form';
import { LabelingQueue } from './labeling-queue';
import type { LabelingQueueProps } from './labeling-queue';

// Every wait crosses a real HTTP server on a machine shared with other test runs.
configure({ asyncUtilTimeout: 5000 });

let server: ReviewServer;
beforeAll(async () => {
  server = await startReviewServer();
});
afterAll(() => server.close());
afterEach(cleanup);

function renderQueue(props: LabelingQueueProps, token = 'token-ann') {
  const headers = server.headers(token);
  return render(
    <VerdictProvider baseUrl={server.api} headers={headers}>
      <LabelingQueue {...props} />
    </VerdictProvider>,
  );
}

const position = () => screen.getByText(/^Item \d+ of \d+$/).textContent;
const progressText = (container: HTMLElement) => container.querySelector('.vd-labeling-progress__text')?.textContent;
const radio = (name: RegExp) => screen.getByRole('radio', { name }) as HTMLInputElement;

async function itemShown(text: string) {
  await waitFor(() => expect(position()).toBe(text));
  // The first question takes focus once the item's form is there.
  await waitFor(() => expect(document.activeElement?.closest('[data-label-question]')?.getAttribute('data-index')).toBe('0'));
}

describe('LabelingQueue with a real server', () => {
  it('labels a whole session with the keyboard alone: digits, Ctrl+Enter, j/k, s, ? and Escape', async () => {
    const sessionId = await seedSession(server, 3, { name: 'Keyboard session' });
    const user = userEvent.setup();
    const onDone = vi.fn();
    const { container } = renderQueue({ sessionId, onDone });
    await itemShown('Item 1 of 3');
    expect(screen.getByRole('heading', { name: 'Keyboard session' })).toBeTruthy();
    const bar = screen.getByRole('progressbar', { name: 'Session progress' });
    expect([bar.getAttribute('aria-valuenow'), bar.getAttribute('aria-valuemax'), progressText(container)]).toEqual(['0', '3', '0 / 3']);
    // The trace beside the form: request, response, retrieved documents.
    await screen.findByText('Question 1: how long does shipping take?');
    expect(screen.getByRole('region', { name: 'Retrieved documents' })).toBeTruthy();
    await expectAccessible(container);

    // Item 1: "2" picks the second option; Tab to the text; Ctrl+Enter submits from inside it.
    await user.keyboard('2');
    expect(radio(/partly/).checked).toBe(true);
    await user.tab();
    await user.keyboard('Within 3 to 5 business days.');
    expect(document.activeElement?.tagName).toBe('TEXTAREA');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await itemShown('Item 2 of 3');
    await waitFor(() => expect(progressText(container)).toBe('1 / 3'));

    // j / k move between items; ? opens the shortcuts, Escape closes them and focus comes back.
    await user.keyboard('j');
    await itemShown('Item 3 of 3');
    await user.keyboard('k');
    await itemShown('Item 2 of 3');
    const before = document.activeElement;
    await user.keyboard('?');
    const dialog = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(dialog).getByText('Skip the item')).toBeTruthy();
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close' }));
    await expectAccessible(container);
    // Keys do nothing behind the open dialog.
    await user.keyboard('j');
    expect(position()).toBe('Item 2 of 3');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(before);

    // s skips item 2; the last item is labeled with "1", then the session is done.
    await user.keyboard('s');
    await itemShown('Item 3 of 3');
    await user.keyboard('1');
    await user.tab();
    await user.keyboard('3 to 5 days.');
    // Letters typed in the text are text, not shortcuts.
    await user.keyboard(' just sk');
    expect(position()).toBe('Item 3 of 3');
    await user.keyboard('{Meta>}{Enter}{/Meta}');
    await screen.findByRole('heading', { name: 'All done' });
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: 'All done' }));
    expect(container.querySelector('.vd-labeling-queue')?.getAttribute('data-state')).toBe('done');
    await waitFor(() => expect(progressText(container)).toBe('2 / 3'));
    expect(onDone).toHaveBeenCalledTimes(1);
    await expectAccessible(container);

    const { items } = await server.as('token-dev').listLabelingItems(sessionId);
    expect(items.map((item) => [item.state, item.labels.ann?.correct?.value ?? null, item.skipped_by ?? []])).toEqual([
      ['completed', 'partly', []],
      ['skipped', null, ['ann']],
      ['completed', 'yes', []],
    ]);
    expect(items[2]?.labels.ann?.expected_response?.value).toBe('3 to 5 days. just sk');
  }, 20_000);

  it('shows validation from the keyboard submit and focuses the first unanswered question', async () => {
    const sessionId = await seedSession(server, 1, { name: 'Validation session' });
    const user = userEvent.setup();
    renderQueue({ sessionId });
    await itemShown('Item 1 of 1');
    await user.keyboard('{Control>}{Enter}{/Control}');
    await screen.findByText('Choose one of "yes", "partly", "no"');
    expect(screen.getByText('Write an answer')).toBeTruthy();
    expect(document.activeElement).toBe(radio(/yes/));
    const { items } = await server.as('token-dev').listLabelingItems(sessionId);
    expect(items[0]?.labels).toEqual({});
  }, 20_000);

  it('asks before leaving an item with unsaved answers, and stays when told to', async () => {
    const sessionId = await seedSession(server, 2, { name: 'Guard session' });
    const confirmDiscard = vi.fn().mockReturnValueOnce(false).mockReturnValueOnce(true);
    const user = userEvent.setup();
    renderQueue({ sessionId, confirmDiscard });
    await itemShown('Item 1 of 2');
    await user.keyboard('3');
    await user.keyboard('j');
    expect(confirmDiscard).toHaveBeenCalledTimes(1);
    expect(position()).toBe('Item 1 of 2');
    expect(radio(/no/).checked).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await itemShown('Item 2 of 2');
    expect(confirmDiscard).toHaveBeenCalledTimes(2);
    // Coming back shows a fresh, unanswered form: the discarded answer was never sent.
    await user.keyboard('k');
    await itemShown('Item 1 of 2');
    expect(radio(/no/).checked).toBe(false);
  }, 20_000);

  it('claims each item shown, and says so when another reviewer took it first', async () => {
    const sessionId = await seedSession(server, 2, { name: 'Locking session', reviewers: ['ann', 'bob'] });
    const user = userEvent.setup();
    renderQueue({ sessionId });
    await itemShown('Item 1 of 2');
    const dev = server.as('token-dev');
    const items = (await dev.listLabelingItems(sessionId)).items;
    await waitFor(async () => expect((await dev.listLabelingItems(sessionId)).items[0]?.claimed_by).toBe('ann'));
    // Bob claims item 2 while Ann is still on item 1.
    await server.as('token-bob').claimLabelingItem(sessionId, items[1]!.item_id);
    await user.keyboard('j');
    await screen.findByText('Another reviewer is labeling this item. Press j for the next one.');
    expect(radio(/yes/).matches(':disabled')).toBe(true);
    expect(screen.queryByRole('button', { name: 'Submit' })).toBeNull();
  }, 20_000);

  it('says "All done" at once for an empty queue, and names a session that cannot be loaded', async () => {
    const sessionId = await seedSession(server, 1, { name: 'Not for Ann', reviewers: ['bob'] });
    const { container } = renderQueue({ sessionId }, 'token-bob');
    await waitFor(() => expect(position()).toBe('Item 1 of 1'));
    cleanup();
    const dev = server.as('token-dev');
    const item = (await dev.listLabelingItems(sessionId)).items[0]!;
    await server.as('token-bob').submitLabels(sessionId, item.item_id, { labels: { correct: 'no', expected_response: 'x' } });
    renderQueue({ sessionId }, 'token-bob');
    await screen.findByRole('heading', { name: 'All done' });
    cleanup();
    renderQueue({ sessionId }, 'token-ann');
    expect((await screen.findByRole('alert')).textContent).toMatch(/Could not load this session/);
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(container).toBeTruthy();
  }, 20_000);
});

describe('LabelingForm against the real server', () => {
  it('shows the server refusing an answer (a schema narrowed since the form loaded) on that question', async () => {
    const sessionId = await seedSession(server, 1, { name: 'Stale schema session' });
    const ann = server.as('token-ann');
    const [item] = (await ann.listLabelingItems(sessionId, { assignee: 'me' })).items;
    // The form still offers "maybe", which the server's schema never had.
    const stale = { ...SEEDED_SCHEMAS[0]!, input: { kind: 'categorical' as const, options: ['yes', 'maybe'] } };
    const user = userEvent.setup();
    const { container } = render(
      <LabelingForm schemas={[stale, SEEDED_SCHEMAS[1]!]} onSubmit={(labels, comments) => ann.submitLabels(sessionId, item!.item_id, { labels, comments })} />,
    );
    await user.click(screen.getByRole('radio', { name: /maybe/ }));
    await user.type(screen.getByRole('textbox', { name: 'The answer it should have given' }), 'Three days.');
    await user.click(screen.getByRole('button', { name: 'Submit' }));
    const message = await screen.findByText(/^Correct: choose one of "yes", "partly", "no"$/);
    expect(screen.getByRole('radiogroup', { name: 'Is the answer correct?' }).getAttribute('aria-describedby')).toContain(message.id);
    expect(screen.queryByRole('alert')).toBeNull();
    // Nothing was stored: a refused answer is not half-saved.
    expect((await ann.listLabelingItems(sessionId)).items[0]?.labels).toEqual({});
    await expectAccessible(container);
  }, 20_000);
});
