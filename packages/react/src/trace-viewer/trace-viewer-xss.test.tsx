import type { Assessment, Trace } from '@verdict/core';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureAssessmentId, fixtureSpanId, overriddenAssessments, ragTrace } from '../test-support/trace-fixtures';
import { TraceView } from './trace-view';

const IMG = '<img src=x onerror="window.__verdictXss = \'img\'">';
const SCRIPT = '<script>window.__verdictXss = "script"</script>';
const PAYLOAD = `${IMG}${SCRIPT}`;

declare global {
  interface Window {
    __verdictXss?: string;
  }
}

afterEach(() => {
  cleanup();
  delete window.__verdictXss;
});

/** The RAG trace with the payload in every place trace data reaches the screen. */
function poisonedTrace(): Trace {
  const trace = ragTrace();
  const [root, , retriever, , chat] = trace.data.spans;
  root!.inputs = { message: PAYLOAD, [PAYLOAD]: 'key' };
  root!.outputs = { response: PAYLOAD };
  root!.attributes = { ...root!.attributes, note: PAYLOAD };
  root!.events = [{ name: PAYLOAD, time_ms: root!.start_time_ms + 1, attributes: { detail: PAYLOAD } }];
  root!.name = PAYLOAD;
  retriever!.outputs = [{ id: 'evil', page_content: PAYLOAD, metadata: { doc_uri: `https://evil.example/${IMG}`, author: PAYLOAD } }];
  chat!.inputs = { messages: [{ role: 'user', content: PAYLOAD }] };
  chat!.outputs = { choices: [{ message: { role: 'assistant', content: PAYLOAD } }] };
  chat!.status = { code: 'ERROR', message: PAYLOAD };
  chat!.events = [{ name: 'exception', time_ms: chat!.start_time_ms + 1, attributes: { 'exception.type': PAYLOAD, 'exception.message': PAYLOAD, 'exception.stacktrace': PAYLOAD } }];
  const assessments: Assessment[] = overriddenAssessments().map((assessment) => ({ ...assessment, rationale: PAYLOAD }));
  const feedback = (n: number, name: string, value: NonNullable<Assessment['feedback']>['value']): Assessment => ({
    assessment_id: fixtureAssessmentId(n),
    assessment_name: name,
    trace_id: trace.info.trace_id,
    source: { source_type: 'HUMAN', source_id: PAYLOAD },
    create_time: trace.info.request_time,
    last_update_time: trace.info.request_time,
    rationale: PAYLOAD,
    feedback: { value },
    valid: true,
  });
  assessments.push(feedback(50, PAYLOAD, PAYLOAD), feedback(51, 'list', [PAYLOAD]), feedback(52, 'object', { [PAYLOAD]: PAYLOAD }));
  return { ...trace, info: { ...trace.info, request_preview: PAYLOAD, assessments } };
}

function expectInert(container: HTMLElement): void {
  expect(container.querySelectorAll('img, script')).toHaveLength(0);
  expect(document.querySelectorAll('img, script')).toHaveLength(0);
  expect(window.__verdictXss).toBeUndefined();
}

describe('TraceViewer renders trace content as text', { timeout: 20_000 }, () => {
  it('the check below does catch HTML injection (control)', () => {
    const { container } = render(<div dangerouslySetInnerHTML={{ __html: PAYLOAD }} />);
    expect(container.querySelectorAll('img, script')).toHaveLength(2);
  });

  it('creates no element and runs nothing from payloads in inputs, outputs, attributes, events, documents, messages, exceptions and assessments', async () => {
    const user = userEvent.setup();
    const noop = async () => undefined;
    const { container } = render(<TraceView trace={poisonedTrace()} onAddAssessment={noop} onOverrideAssessment={noop} onDeleteAssessment={noop} />);
    expectInert(container);
    // The payload is there, shown literally.
    expect(within(screen.getByRole('article', { name: `Span ${PAYLOAD}` })).getAllByText((_, node) => node?.textContent === PAYLOAD).length).toBeGreaterThan(0);
    expect(container.textContent).toContain(IMG);
    for (const details of container.querySelectorAll('details')) details.open = true;
    expectInert(container);

    const openEverything = async (spanId: string) => {
      await user.click(container.querySelector(`[data-span-id="${spanId}"]`)!);
      for (const details of container.querySelectorAll('details')) details.open = true;
      for (const more of screen.queryAllByRole('button', { name: /Show more/ })) await user.click(more);
      expectInert(container);
    };
    await openEverything(fixtureSpanId(3));
    const documents = screen.getByRole('list', { name: '1 retrieved document' });
    expect(documents.textContent).toContain(`https://evil.example/${IMG}`);
    expect(within(documents).getByRole('group', { name: /^Metadata of/ }).textContent).toContain(PAYLOAD);
    await openEverything(fixtureSpanId(5));
    expect(screen.getByRole('region', { name: 'Exception' }).textContent).toContain(SCRIPT);
    expect(screen.getByRole('list', { name: 'Chat transcript' }).textContent).toContain(PAYLOAD);

    await user.click(screen.getByRole('button', { name: 'Add assessment' }));
    // An override form starts from the old value: the payload lands in a textarea, as text.
    await user.click(screen.getByRole('button', { name: `Edit ${PAYLOAD}` }));
    expect(screen.getAllByDisplayValue(PAYLOAD)).toHaveLength(2);
    expectInert(container);
    expect(screen.getAllByRole('article', { name: new RegExp(`^${PAYLOAD.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })).toHaveLength(1);
  });
});
