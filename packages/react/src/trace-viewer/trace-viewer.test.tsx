import type { Store } from '@verdict/core';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { expectAccessible } from '../test-support/axe';
import { startChatServer } from '../test-support/chat-server';
import type { ChatServer } from '../test-support/chat-server';
import { fixtureAssessmentId, fixtureSpanId, fixtureTraceId, overriddenAssessments, ragTrace } from '../test-support/trace-fixtures';
import { VerdictProvider } from '../verdict-provider';
import { TraceViewer } from './trace-viewer';

let server: ChatServer | undefined;
afterEach(async () => {
  cleanup();
  await server?.close();
  server = undefined;
});

/** The RAG trace with its assessments replayed through the store, as the routes would write them. */
async function putRagTrace(store: Store): Promise<string> {
  const trace = ragTrace();
  await store.traces.put(trace);
  for (const assessment of overriddenAssessments(trace.info.trace_id)) await store.assessments.create({ ...assessment, valid: true });
  return trace.info.trace_id;
}

async function showTrace(traceId: string) {
  server ??= await startChatServer();
  const view = render(
    <VerdictProvider baseUrl={server.api}>
      <TraceViewer traceId={traceId} source={{ source_type: 'HUMAN', source_id: 'tester' }} />
    </VerdictProvider>,
  );
  return view;
}

const card = (name: string) => screen.getByRole('article', { name: new RegExp(`^${name} \\(`) });
const panel = () => screen.getByRole('region', { name: 'Assessments' });

// Typing through user-event against a real server takes seconds on a busy 2-core machine.
describe('TraceViewer against a real Verdict server', { timeout: 30_000 }, () => {
  it('shows loading, then the trace; a missing trace says so', async () => {
    server = await startChatServer();
    const traceId = await putRagTrace(server.store);
    const { container, unmount } = await showTrace(traceId);
    expect(screen.getByRole('status').textContent).toBe('Loading trace…');
    await screen.findByRole('tree', { name: 'Spans' });
    expect(container.querySelector('.vd-trace-viewer')?.getAttribute('data-state')).toBe('ready');
    await expectAccessible(container);
    unmount();

    await showTrace(fixtureTraceId(99));
    expect((await screen.findByRole('alert')).textContent).toBe(`Trace ${fixtureTraceId(99)} was not found.`);
  });

  it('shows every assessment with its value, source and the overridden values folded under it', async () => {
    server = await startChatServer();
    const traceId = await putRagTrace(server.store);
    const { container } = await showTrace(traceId);
    await screen.findByRole('tree');
    const correctness = card('correctness');
    expect(correctness.querySelector('.vd-assessment__value')?.textContent).toBe('👍 Yes');
    expect(correctness.textContent).toContain('Confirmed with the shipping team.');
    expect(correctness.textContent).toContain('lead-bo');
    const history = within(correctness).getByText('2 earlier values').closest('details')!;
    expect([...history.querySelectorAll('li')].map((item) => item.querySelector('.vd-assessment__source')?.textContent)).toEqual(['Human', 'LLM judge']);
    expect(history.textContent).toContain('correctness-judge');
    expect(history.textContent).toContain('👎 No');
    expect(card('relevance').querySelector('.vd-assessment__value')?.textContent).toBe('0.88');
    expect(card('relevance').textContent).toContain('relevance_scorer');
    expect(within(card('expected_facts')).getAllByRole('listitem').map((chip) => chip.textContent)).toEqual(['3 to 5 business days', 'EU only']);
    expect(card('retrieval_quality').textContent).toContain('span retrieve_docs');
    expect(within(panel()).getAllByRole('article')).toHaveLength(5);
    await expectAccessible(container);
    // The span badge selects the span the assessment is about.
    await userEvent.click(within(card('retrieval_quality')).getByRole('button', { name: 'Show span retrieve_docs' }));
    expect(screen.getByRole('article', { name: /^Span / }).getAttribute('aria-label')).toBe('Span retrieve_docs');
  });

  it('adds an assessment on the selected span after inline validation, without a reload', async () => {
    server = await startChatServer();
    const traceId = await putRagTrace(server.store);
    const user = userEvent.setup();
    const { container } = await showTrace(traceId);
    await screen.findByRole('tree');
    await user.click(screen.getAllByRole('treeitem').find((row) => row.textContent?.includes('retrieve_docs'))!);
    await user.click(within(panel()).getByRole('button', { name: 'Add assessment' }));
    const form = within(panel()).getByRole('form', { name: 'Add assessment' });
    await user.click(within(form).getByRole('button', { name: 'Add assessment' }));
    const name = within(form).getByLabelText('Name');
    expect(await within(form).findByText('Give the assessment a name')).toBeTruthy();
    expect(name.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(container);

    await user.type(name, 'doc_relevance');
    await user.selectOptions(within(form).getByLabelText('Value type'), 'json');
    await user.type(within(form).getByLabelText('Value (JSON)'), '{{"oops"');
    await user.click(within(form).getByRole('button', { name: 'Add assessment' }));
    expect((await within(form).findByText(/^Not valid JSON/)).id).toBe(within(form).getByLabelText('Value (JSON)').getAttribute('aria-describedby'));
    await expectAccessible(container);

    await user.selectOptions(within(form).getByLabelText('Value type'), 'number');
    await user.type(within(form).getByLabelText('Value'), '0.756');
    await user.click(within(form).getByRole('radio', { name: 'Span retrieve_docs' }));
    await user.type(within(form).getByLabelText('Rationale (optional)'), 'Both documents are on topic');
    await user.click(within(form).getByRole('button', { name: 'Add assessment' }));

    await waitFor(() => expect(card('doc_relevance').querySelector('.vd-assessment__value')?.textContent).toBe('0.76'));
    expect(card('doc_relevance').textContent).toContain('span retrieve_docs');
    expect(card('doc_relevance').textContent).toContain('tester');
    expect(within(panel()).queryByRole('form')).toBeNull();
    const stored = (await server.assessmentsOf(traceId)).find((assessment) => assessment.assessment_name === 'doc_relevance');
    expect(stored).toMatchObject({ span_id: fixtureSpanId(3), feedback: { value: 0.756 }, rationale: 'Both documents are on topic', source: { source_type: 'HUMAN', source_id: 'tester' }, valid: true });
    await expectAccessible(container);
  });

  it('edit overrides (the old value folds under the new one) and delete asks first; both show at once', async () => {
    server = await startChatServer();
    const traceId = await putRagTrace(server.store);
    const user = userEvent.setup();
    const { container } = await showTrace(traceId);
    await screen.findByRole('tree');

    await user.click(within(card('relevance')).getByRole('button', { name: 'Edit relevance' }));
    const form = within(card('relevance')).getByRole('form', { name: 'Edit relevance' });
    const value = within(form).getByLabelText('Value');
    expect((value as HTMLInputElement).value).toBe('0.87654');
    await user.clear(value);
    await user.type(value, '0.25');
    await user.click(within(form).getByRole('button', { name: 'Save new value' }));
    await waitFor(() => expect(card('relevance').querySelector('.vd-assessment__value')?.textContent).toBe('0.25'));
    expect(within(card('relevance')).getByText('1 earlier value')).toBeTruthy();
    const afterOverride = await server.assessmentsOf(traceId);
    const newest = afterOverride.find((assessment) => assessment.overrides === fixtureAssessmentId(5));
    expect(newest).toMatchObject({ assessment_name: 'relevance', feedback: { value: 0.25 }, valid: true, source: { source_id: 'tester' } });
    expect(afterOverride.find((assessment) => assessment.assessment_id === fixtureAssessmentId(5))?.valid).toBe(false);
    await expectAccessible(container);

    // Deleting the override brings the replaced value back, as the store does.
    await user.click(within(card('relevance')).getByRole('button', { name: 'Delete relevance' }));
    const confirm = within(card('relevance')).getByRole('group', { name: 'Confirm deleting relevance' });
    await expectAccessible(container);
    await user.click(within(confirm).getByRole('button', { name: 'Cancel' }));
    expect(within(card('relevance')).queryByRole('group', { name: 'Confirm deleting relevance' })).toBeNull();
    await user.click(within(card('relevance')).getByRole('button', { name: 'Delete relevance' }));
    await user.click(within(card('relevance')).getByRole('button', { name: 'Confirm delete' }));
    await waitFor(() => expect(card('relevance').querySelector('.vd-assessment__value')?.textContent).toBe('0.88'));
    expect(within(card('relevance')).queryByText(/earlier value/)).toBeNull();
    expect((await server.assessmentsOf(traceId)).find((assessment) => assessment.assessment_id === fixtureAssessmentId(5))?.valid).toBe(true);

    await user.click(within(card('user_feedback')).getByRole('button', { name: 'Delete user_feedback' }));
    await user.click(within(card('user_feedback')).getByRole('button', { name: 'Confirm delete' }));
    await waitFor(() => expect(screen.queryByRole('article', { name: /^user_feedback/ })).toBeNull());
    expect((await server.assessmentsOf(traceId)).some((assessment) => assessment.assessment_name === 'user_feedback')).toBe(false);
    await expectAccessible(container);
  });

  it('shows the server refusal in the form and keeps what was typed', async () => {
    server = await startChatServer();
    const traceId = await putRagTrace(server.store);
    const user = userEvent.setup();
    await showTrace(traceId);
    await screen.findByRole('tree');
    // Someone else deletes the assessment meanwhile: the override is refused with 404.
    await server.store.assessments.delete(traceId, fixtureAssessmentId(4));
    await user.click(within(card('user_feedback')).getByRole('button', { name: 'Edit user_feedback' }));
    const form = within(card('user_feedback')).getByRole('form');
    await user.type(within(form).getByLabelText('Rationale (optional)'), 'changed my mind');
    await user.click(within(form).getByRole('radio', { name: 'No' }));
    await user.click(within(form).getByRole('button', { name: 'Save new value' }));
    expect((await within(form).findByRole('alert')).textContent).not.toBe('');
    expect((within(form).getByLabelText('Rationale (optional)') as HTMLTextAreaElement).value).toBe('changed my mind');
  });

  it('readOnly shows the assessments without Add, Edit or Delete', async () => {
    server = await startChatServer();
    const traceId = await putRagTrace(server.store);
    render(
      <VerdictProvider baseUrl={server.api}>
        <TraceViewer traceId={traceId} readOnly />
      </VerdictProvider>,
    );
    await screen.findByRole('tree');
    expect(within(panel()).getAllByRole('article')).toHaveLength(5);
    expect(within(panel()).queryAllByRole('button', { name: /^(Add assessment|Edit|Delete)/ })).toEqual([]);
    expect(within(panel()).queryByRole('form')).toBeNull();
  });
});
