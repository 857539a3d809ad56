import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { expectAccessible } from '../test-support/axe';
import { agentTrace, fixtureSpanId, largeTrace, ragTrace } from '../test-support/trace-fixtures';
import { SPAN_ROW_HEIGHT } from './span-tree';
import { TraceView } from './trace-view';

afterEach(cleanup);

const rows = () => screen.getAllByRole('treeitem');
const row = (name: string) => rows().find((item) => item.querySelector('.vd-span-row__name')?.textContent === name)!;
const details = () => screen.getByRole('article', { name: /^Span / });

describe('TraceView on a RAG trace', { timeout: 20_000 }, () => {
  it('shows the span tree with types, and the root span selected with its inputs and outputs', async () => {
    const { container } = render(<TraceView trace={ragTrace()} />);
    expect(rows().map((item) => item.querySelector('.vd-span-row__name')?.textContent)).toEqual(['rag_pipeline', 'embed_query', 'retrieve_docs', 'rerank', 'openai.chat.completions.create']);
    expect(screen.getByRole('tree', { name: 'Spans' })).toBeTruthy();
    expect(row('retrieve_docs').textContent).toContain('Retriever');
    expect(row('rag_pipeline').getAttribute('aria-selected')).toBe('true');
    expect(row('rag_pipeline').getAttribute('aria-expanded')).toBe('true');
    expect(row('embed_query').getAttribute('aria-level')).toBe('2');
    expect(details().getAttribute('aria-label')).toBe('Span rag_pipeline');
    expect(within(details()).getByRole('group', { name: 'Inputs' }).textContent).toContain('How long does standard shipping take?');
    expect(within(details()).getByRole('group', { name: 'Outputs' }).textContent).toContain('3 to 5 business days');
    expect(screen.getByText('No assessments yet.')).toBeTruthy();
    await expectAccessible(container);
  });

  it('selecting the retriever shows its documents; the chat model shows a transcript and token usage', async () => {
    const user = userEvent.setup();
    const { container } = render(<TraceView trace={ragTrace()} />);
    await user.click(row('retrieve_docs'));
    expect(row('retrieve_docs').getAttribute('aria-selected')).toBe('true');
    const documents = within(details()).getByRole('list', { name: '2 retrieved documents' });
    expect(within(documents).getAllByRole('heading').map((heading) => heading.textContent)).toEqual(['shipping', 'returns']);
    expect(documents.textContent).toContain('https://help.example.com/shipping');
    expect(within(documents).getByRole('group', { name: 'Metadata of shipping' }).textContent).toContain('0.91');
    await expectAccessible(container);

    await user.click(row('openai.chat.completions.create'));
    const transcript = within(details()).getByRole('list', { name: 'Chat transcript' });
    expect([...transcript.querySelectorAll('[data-role]')].map((message) => message.getAttribute('data-role'))).toEqual(['system', 'user', 'assistant']);
    const usage = container.querySelector('.vd-usage')!;
    expect([...usage.querySelectorAll('dd')].map((dd) => dd.textContent)).toEqual(['96', '14', '110']);
    expect(within(details()).getByText('first_token')).toBeTruthy();
    await expectAccessible(container);
  });

  it('places each waterfall bar by its start and end within the trace', () => {
    render(<TraceView trace={ragTrace()} />);
    const bar = (name: string) => row(name).querySelector<HTMLElement>('.vd-span-row__bar')!.style;
    expect(bar('rag_pipeline').left).toBe('0%');
    expect(parseFloat(bar('openai.chat.completions.create').left)).toBeCloseTo((241 / 1240.5) * 100, 4);
    expect(bar('openai.chat.completions.create').width).toMatch(/^80\.3/);
    expect(parseFloat(bar('retrieve_docs').left)).toBeCloseTo((61 / 1240.5) * 100, 4);
    expect(row('retrieve_docs').querySelector('.vd-span-row__duration')?.textContent).toBe('119 ms');
  });

  it('is a keyboard tree: arrows move the selection, ← and → close, open and climb', async () => {
    const user = userEvent.setup();
    const { container } = render(<TraceView trace={agentTrace()} />);
    const tree = screen.getByRole('tree');
    await user.click(row('travel_agent'));
    tree.focus();
    await user.keyboard('{ArrowDown}');
    expect(details().getAttribute('aria-label')).toBe('Span plan');
    expect(tree.getAttribute('aria-activedescendant')).toBe(row('plan').id);
    await user.keyboard('{End}');
    expect(details().getAttribute('aria-label')).toBe('Span http_get');
    await user.keyboard('{ArrowLeft}');
    expect(details().getAttribute('aria-label')).toBe('Span search_flights');
    await user.keyboard('{ArrowLeft}');
    expect(row('search_flights').getAttribute('aria-expanded')).toBe('false');
    expect(rows()).toHaveLength(4);
    await user.keyboard('{ArrowRight}');
    expect(rows()).toHaveLength(5);
    await user.keyboard('{ArrowRight}');
    expect(details().getAttribute('aria-label')).toBe('Span http_get');
    await user.keyboard('{Home}');
    expect(details().getAttribute('aria-label')).toBe('Span travel_agent');
    await user.keyboard('{ArrowLeft}');
    expect(rows()).toHaveLength(1);
    await expectAccessible(container);
    await user.keyboard('{ArrowRight}');
    expect(rows()).toHaveLength(5);
  });

  it('the chevron opens and closes a subtree without changing the selection', async () => {
    const user = userEvent.setup();
    render(<TraceView trace={agentTrace()} />);
    await user.click(row('search_flights').querySelector('.vd-span-row__toggle')!);
    expect(rows()).toHaveLength(4);
    expect(details().getAttribute('aria-label')).toBe('Span travel_agent');
  });

  it('shows a failed span with its ERROR message and exception event', async () => {
    const user = userEvent.setup();
    const { container } = render(<TraceView trace={agentTrace()} />);
    expect(row('search_flights').dataset.status).toBe('ERROR');
    expect(row('search_flights').textContent).toContain('failed');
    await user.click(row('search_flights'));
    const exception = within(details()).getByRole('region', { name: 'Exception' });
    expect(exception.textContent).toContain('Flight search API timed out after 10000 ms');
    expect(exception.textContent).toContain('TimeoutError');
    expect(exception.querySelector('pre')?.textContent).toContain('at searchFlights (tools.ts:42:11)');
    await user.click(row('plan'));
    expect(within(details()).getByRole('list', { name: 'Tool calls' }).textContent).toContain('get_weather({"city":"Lisbon"})');
    await expectAccessible(container);
  });

  it('folds long strings behind "Show more"', async () => {
    const user = userEvent.setup();
    const trace = ragTrace();
    const long = `${'a'.repeat(450)}END`;
    trace.data.spans[0]!.inputs = { message: long };
    render(<TraceView trace={trace} />);
    const inputs = within(details()).getByRole('group', { name: 'Inputs' });
    expect(inputs.textContent).not.toContain('END');
    await user.click(within(inputs).getByRole('button', { name: /Show more/ }));
    expect(inputs.textContent).toContain('END');
    expect(within(inputs).getByRole('button', { name: 'Show less' }).getAttribute('aria-expanded')).toBe('true');
  });
});

describe('TraceView on 5,000 spans', () => {
  it('renders only a window of rows, and End reaches the last span', async () => {
    const { container } = render(<TraceView trace={largeTrace(5000)} />);
    const shown = rows().length;
    expect(shown).toBeGreaterThan(5);
    expect(shown).toBeLessThan(60);
    expect(container.querySelector<HTMLElement>('.vd-span-tree__sizer')!.style.height).toBe(`${5000 * SPAN_ROW_HEIGHT}px`);
    const tree = screen.getByRole('tree');
    fireEvent.keyDown(tree, { key: 'End' });
    // jsdom does not scroll; the scroll event the browser would fire moves the window.
    fireEvent.scroll(tree, { target: { scrollTop: 5000 * SPAN_ROW_HEIGHT } });
    expect(details().getAttribute('aria-label')).toBe('Span step_5000');
    expect(await screen.findByText('step_5000', { selector: '.vd-span-row__name' })).toBeTruthy();
    expect(rows().length).toBeLessThan(60);
    expect(row('step_5000').getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tree').getAttribute('aria-activedescendant')).toBe(row('step_5000').id);
  });

  it('collapsing the root leaves one row', async () => {
    render(<TraceView trace={largeTrace(5000)} defaultSelectedSpanId={fixtureSpanId(1)} />);
    fireEvent.keyDown(screen.getByRole('tree'), { key: 'ArrowLeft' });
    expect(rows()).toHaveLength(1);
  });
});
