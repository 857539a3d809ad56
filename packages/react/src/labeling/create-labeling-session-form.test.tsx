import { cleanup, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectAccessible } from '../test-support/axe';
import { SEEDED_SCHEMAS, startReviewServer } from '../test-support/review-server';
import type { ReviewServer } from '../test-support/review-server';
import { fixtureTraceId, ragTrace } from '../test-support/trace-fixtures';
import { VerdictProvider } from '../verdict-provider';
import { CreateLabelingSessionForm } from './create-labeling-session-form';
import type { CreateLabelingSessionFormProps } from './create-labeling-session-form';
import { parseUserList, validateNewSession } from './new-session-fields';

configure({ asyncUtilTimeout: 5000 });

const TRACES = [fixtureTraceId(0x700), fixtureTraceId(0x701)];
let server: ReviewServer;
beforeAll(async () => {
  server = await startReviewServer();
  const dev = server.as('token-dev');
  // expected_response is built in: the seeded one replaces it.
  for (const schema of SEEDED_SCHEMAS) await dev.createLabelSchema({ ...schema, overwrite: true });
  for (const traceId of TRACES) await server.store.traces.put(ragTrace(traceId));
});
afterAll(() => server.close());
afterEach(cleanup);

function renderForm(props: CreateLabelingSessionFormProps, token = 'token-dev') {
  return render(
    <VerdictProvider baseUrl={server.api} headers={server.headers(token)}>
      <CreateLabelingSessionForm {...props} />
    </VerdictProvider>,
  );
}

const sessionsNamed = async (name: string) => (await server.as('token-dev').listLabelingSessions()).labeling_sessions.filter((session) => session.name === name);

describe('the new-session fields', () => {
  it('reads user lists and names what is wrong', () => {
    expect(parseUserList(' ann, bob  ann,,')).toEqual(['ann', 'bob']);
    const fine = { name: 'Week 46', users: 'ann, bob', schemas: ['correct'], reviewersPerItem: '2' };
    expect(validateNewSession(fine)).toEqual({});
    expect(validateNewSession({ name: ' ', users: 'ann', schemas: [], reviewersPerItem: '2' })).toEqual({
      name: 'Name the session',
      schemas: 'Pick at least one label schema',
      reviewersPerItem: 'Only 1 reviewer is assigned',
    });
    expect(validateNewSession({ ...fine, reviewersPerItem: '1.5' }).reviewersPerItem).toBe('A whole number from 1 to 10');
    expect(validateNewSession({ ...fine, reviewersPerItem: '' }).reviewersPerItem).toBe('A whole number from 1 to 10');
  });
});

describe('CreateLabelingSessionForm with a real server', () => {
  it('shows what is missing, then creates the session and copies the traces into it', async () => {
    const user = userEvent.setup();
    const onCreated = vi.fn();
    const { container } = renderForm({ traceIds: TRACES, onCreated, sessionHref: (id) => `#/review/${id}` });
    const form = screen.getByRole('form', { name: 'New labeling session' });
    await within(form).findByRole('checkbox', { name: /Is the answer correct\?/ });
    expect((screen.getByRole('textbox', { name: 'Session name' }) as HTMLInputElement).value).toBe('Review of 2 traces');
    await expectAccessible(container);

    // Clear the name and submit with nothing picked.
    await user.clear(screen.getByRole('textbox', { name: 'Session name' }));
    await user.click(screen.getByRole('button', { name: 'Create session with 2 traces' }));
    expect(screen.getByText('Name the session')).toBeTruthy();
    expect(screen.getByText('Pick at least one label schema')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'Session name' }));
    expect(screen.getByRole('textbox', { name: 'Session name' }).getAttribute('aria-describedby')).toBe(screen.getByText('Name the session').id);
    await expectAccessible(container);
    expect(await sessionsNamed('Shipping, week 46')).toEqual([]);

    await user.type(screen.getByRole('textbox', { name: 'Session name' }), 'Shipping, week 46');
    await user.type(screen.getByRole('textbox', { name: /Reviewers$/ }), 'ann, bob');
    await user.click(screen.getByRole('checkbox', { name: /Is the answer correct\?/ }));
    await user.click(screen.getByRole('checkbox', { name: /The answer it should have given/ }));
    const perItem = screen.getByRole('spinbutton', { name: 'Reviewers per item' });
    await user.clear(perItem);
    await user.type(perItem, '2');
    await user.keyboard('{Enter}');

    const status = await screen.findByRole('status');
    expect(status.textContent).toBe('Created Shipping, week 46 with 2 items.');
    const [session] = await sessionsNamed('Shipping, week 46');
    expect(session).toMatchObject({ assigned_users: ['ann', 'bob'], label_schemas: ['correct', 'expected_response'], reviewers_per_item: 2, created_by: 'dev' });
    expect(screen.getByRole('link', { name: 'Open Shipping, week 46' }).getAttribute('href')).toBe(`#/review/${session!.labeling_session_id}`);
    const { items } = await server.as('token-dev').listLabelingItems(session!.labeling_session_id);
    // Copies: each item points at its original trace and has a trace of its own.
    expect(items.map((item) => item.source)).toEqual(TRACES.map((trace_id) => ({ trace_id })));
    expect(items.every((item) => !TRACES.includes(item.trace_id))).toBe(true);
    expect(onCreated).toHaveBeenCalledTimes(1);
    expect(onCreated.mock.calls[0]?.[0]).toMatchObject({ labeling_session_id: session!.labeling_session_id });
    expect(onCreated.mock.calls[0]?.[1]).toHaveLength(2);
    await expectAccessible(container);
  }, 20_000);

  it('takes the session back when the traces cannot be added, and says why', async () => {
    const user = userEvent.setup();
    const missing = fixtureTraceId(0x7ff);
    renderForm({ traceIds: [TRACES[0]!, missing], defaultName: 'Half made', defaultAssignedUsers: ['ann'] });
    await user.click(await screen.findByRole('checkbox', { name: /Is the answer correct\?/ }));
    await user.click(screen.getByRole('button', { name: 'Create session with 2 traces' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not add the traces');
    expect(alert.textContent).toContain(missing);
    await waitFor(async () => expect(await sessionsNamed('Half made')).toEqual([]));
    // The form stays, filled in, for another try.
    expect((screen.getByRole('textbox', { name: 'Session name' }) as HTMLInputElement).value).toBe('Half made');
  }, 20_000);

  it('tells a reviewer they may not create sessions', async () => {
    const user = userEvent.setup();
    const onCancel = vi.fn();
    renderForm({ traceIds: [TRACES[0]!], defaultName: 'By a reviewer', onCancel }, 'token-ann');
    await user.click(await screen.findByRole('checkbox', { name: /Is the answer correct\?/ }));
    await user.click(screen.getByRole('button', { name: 'Create session with 1 trace' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Could not create the session: /);
    expect(await sessionsNamed('By a reviewer')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
  }, 20_000);
});
