import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectAccessible } from '../test-support/axe';
import { rowInfo, rowTraceId } from '../test-support/trace-rows';
import { startTracesServer } from '../test-support/traces-server';
import type { TracesServer } from '../test-support/traces-server';
import { TracesTable } from './traces-table';
import type { TracesTableProps } from './traces-table';

let server: TracesServer | undefined;
afterEach(async () => {
  cleanup();
  await server?.close();
  server = undefined;
});

/** Starts a server with rows 0..count-1 and renders the table against it, waiting for the first page. */
async function show(count: number, props: Partial<TracesTableProps> = {}) {
  server = await startTracesServer({ count });
  const view = render(<TracesTable baseUrl={server.api} {...props} />);
  await waitFor(() => expect(view.container.querySelector('.vd-traces')?.getAttribute('data-status')).toBe('success'));
  return view;
}

const table = () => screen.getByRole('table', { name: 'Traces' });
const rowIds = () => [...table().querySelectorAll<HTMLElement>('tbody tr[data-trace-id]')].map((row) => row.dataset.traceId);
const idsOf = (rows: number[]) => rows.map(rowTraceId);
const settled = () => waitFor(() => expect(document.querySelector('.vd-traces')?.getAttribute('data-status')).toBe('success'));
const lastSearch = () => server!.searches[server!.searches.length - 1]!;

async function applyFilters(user: ReturnType<typeof userEvent.setup>, fill: () => Promise<void>) {
  await fill();
  await user.click(screen.getByRole('button', { name: 'Apply' }));
  await settled();
}

// Real server, real table, axe on every cell: generous timeouts for a loaded CI machine.
describe('TracesTable', { timeout: 30_000 }, () => {
  it('shows one row per trace, newest first, with one column per assessment name on the page', async () => {
    const { container } = await show(30);
    expect(rowIds()).toEqual(idsOf([...Array(30).keys()]));
    const headers = within(table()).getAllByRole('columnheader').map((header) => header.textContent?.replace(/[▲▼↕]/g, ''));
    expect(headers).toEqual(['Time', 'Request', 'Response', 'Duration', 'State', 'Tags', 'user_feedback', 'tone', 'user_accuracy', 'review_note']);
    const cell = (n: number, column: string) => table().querySelector(`tr[data-trace-id="${rowTraceId(n)}"] td[data-column="${column}"]`) as HTMLElement;
    // Booleans: an emoji for the eye, yes/no for screen readers.
    expect(cell(0, 'assessment:user_feedback').textContent).toBe('👍yes');
    expect(cell(1, 'assessment:user_feedback').textContent).toBe('👎no');
    expect(cell(1, 'assessment:user_accuracy').textContent).toBe('0.25');
    expect(cell(0, 'assessment:tone').querySelector('.vd-chip')?.textContent).toBe('friendly');
    expect(cell(3, 'state').textContent).toBe('ERROR');
    expect(cell(0, 'tags').textContent).toBe('env=prodmodel=gpt-4o-mini');
    expect(cell(0, 'execution_duration').textContent).toBe('180 ms');
    expect(cell(0, 'request_time').querySelector('time')?.getAttribute('dateTime')).toBe(new Date(rowInfo(0).request_time).toISOString());
    await expectAccessible(container);
  });

  it('cuts long text, with the whole of it on hover and keyboard focus', async () => {
    await show(6);
    const note = table().querySelector(`tr[data-trace-id="${rowTraceId(4)}"] td[data-column="assessment:review_note"] [data-truncated]`) as HTMLElement;
    const full = 'The answer should mention the 14-day window for damaged goods and link the claims form.';
    expect(note.getAttribute('title')).toBe(full);
    expect(note.tabIndex).toBe(0);
    expect(note.querySelector('.vd-truncated__full')?.textContent).toBe(full);
    expect(note.querySelector('.vd-visually-hidden')?.textContent).toBe(full);
    expect(note.querySelector('[aria-hidden="true"]')?.textContent).toBe('The answer should mention the 14-day win…');
  });

  it('filters by state, assessment value, tag and text on the server', async () => {
    const user = userEvent.setup();
    const { container } = await show(30);
    await applyFilters(user, () => user.selectOptions(screen.getByRole('combobox', { name: 'State' }), 'ERROR'));
    expect(lastSearch().get('state')).toBe('ERROR');
    expect(rowIds()).toEqual(idsOf([3, 10, 17, 24]));

    await applyFilters(user, async () => {
      await user.selectOptions(screen.getByRole('combobox', { name: 'State' }), '');
      await user.type(screen.getByLabelText('Assessment'), 'tone');
      await user.type(screen.getByLabelText('Value'), 'friendly');
    });
    expect([lastSearch().get('assessment_name'), lastSearch().get('assessment_value')]).toEqual(['tone', 'friendly']);
    expect(rowIds()).toEqual(idsOf([0, 12, 24]));

    await user.click(screen.getByRole('button', { name: 'Clear' }));
    await settled();
    await applyFilters(user, () => user.type(screen.getByLabelText('Tag'), 'env=staging'));
    expect(lastSearch().get('tag.env')).toBe('staging');
    expect(rowIds()).toEqual(idsOf([...Array(15).keys()].map((i) => 2 * i + 1)));

    await applyFilters(user, () => user.type(screen.getByLabelText('Text'), 'canada'));
    expect([lastSearch().get('tag.env'), lastSearch().get('text')]).toEqual(['staging', 'canada']);
    expect(rowIds()).toEqual(idsOf([7, 17, 27]));
    await expectAccessible(container);
  });

  it('finds text in every trace, not only the loaded page: the server searches', async () => {
    const user = userEvent.setup();
    const { container } = await show(30, { defaultPageSize: 25 });
    expect(rowIds()).toHaveLength(25);
    await applyFilters(user, () => user.type(screen.getByLabelText('Text'), 'CANADA'));
    expect(lastSearch().get('text')).toBe('CANADA');
    // Row 27 is past the first page of 25: a filter of the loaded page alone would miss it.
    expect(rowIds()).toEqual(idsOf([2, 7, 12, 17, 22, 27]));
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
    await expectAccessible(container);
  });

  it('sorts the page by any column, and asks the server for time order', async () => {
    const user = userEvent.setup();
    await show(30);
    await user.click(screen.getByRole('button', { name: /Duration/ }));
    const byDuration = [...Array(30).keys()].sort((a, b) => rowInfo(a).execution_duration! - rowInfo(b).execution_duration!);
    expect(rowIds()).toEqual(idsOf(byDuration));
    expect(screen.getByRole('columnheader', { name: /Duration/ }).getAttribute('aria-sort')).toBe('ascending');

    await user.click(screen.getByRole('button', { name: /Time/ }));
    await settled();
    expect(lastSearch().get('order_by')).toBe('request_time DESC');
    await user.click(screen.getByRole('button', { name: /Time/ }));
    await waitFor(() => expect(lastSearch().get('order_by')).toBe('request_time ASC'));
    await settled();
    expect(rowIds()).toEqual(idsOf([...Array(30).keys()].reverse()));
    expect(screen.getByRole('columnheader', { name: /Time/ }).getAttribute('aria-sort')).toBe('ascending');
  });

  it('pages through the server with next, previous and the page size', async () => {
    const user = userEvent.setup();
    await show(30, { defaultPageSize: 25 });
    expect(rowIds()).toEqual(idsOf([...Array(25).keys()]));
    expect((screen.getByRole('button', { name: 'Previous' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(rowIds()).toEqual(idsOf([25, 26, 27, 28, 29])));
    expect(lastSearch().get('page_token')).toBeTruthy();
    expect(screen.getByText('Page 2')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(screen.getByRole('button', { name: 'Previous' }));
    await waitFor(() => expect(rowIds()).toEqual(idsOf([...Array(25).keys()])));
    await user.selectOptions(screen.getByLabelText('Per page'), '50');
    await waitFor(() => expect(rowIds()).toHaveLength(30));
    expect(lastSearch().get('max_results')).toBe('50');
  });

  it('opens a trace on click and on Enter; arrows move between rows', async () => {
    const user = userEvent.setup();
    const onOpenTrace = vi.fn();
    await show(5, { onOpenTrace });
    await user.click(screen.getByText('Do you ship to Canada?'));
    expect(onOpenTrace).toHaveBeenLastCalledWith(rowTraceId(2));
    const first = table().querySelector<HTMLElement>(`tr[data-trace-id="${rowTraceId(0)}"]`)!;
    first.focus();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement?.getAttribute('data-trace-id')).toBe(rowTraceId(1));
    await user.keyboard('{Enter}');
    expect(onOpenTrace).toHaveBeenLastCalledWith(rowTraceId(1));
    expect(onOpenTrace).toHaveBeenCalledTimes(2);
  });

  it('hides and shows columns from the column menu', async () => {
    const user = userEvent.setup();
    const { container } = await show(5);
    await user.click(screen.getByText('Columns'));
    await user.click(screen.getByRole('checkbox', { name: 'Tags' }));
    expect(within(table()).queryByRole('columnheader', { name: 'Tags' })).toBeNull();
    expect(table().querySelector('td[data-column="tags"]')).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: 'user_feedback' }));
    expect(table().querySelector('td[data-column="assessment:user_feedback"]')).toBeNull();
    await user.click(screen.getByRole('checkbox', { name: 'Tags' }));
    expect(within(table()).getByRole('columnheader', { name: /Tags/ })).toBeTruthy();
    await expectAccessible(container);
  });

  it('selects rows with checkboxes without opening them, and reports the selection', async () => {
    const user = userEvent.setup();
    const onSelectionChange = vi.fn();
    const onOpenTrace = vi.fn();
    const { container } = await show(4, { selectable: true, onSelectionChange, onOpenTrace });
    await user.click(screen.getByRole('checkbox', { name: `Select trace ${rowTraceId(1)}` }));
    expect(onSelectionChange).toHaveBeenLastCalledWith([rowTraceId(1)]);
    expect(onOpenTrace).not.toHaveBeenCalled();
    await user.click(screen.getByRole('checkbox', { name: 'Select all traces on this page' }));
    expect(onSelectionChange).toHaveBeenLastCalledWith(idsOf([0, 1, 2, 3]).sort());
    expect(table().querySelectorAll('tr[aria-selected="true"]')).toHaveLength(4);
    await expectAccessible(container);
  });

  it('says when nothing matches, and shows a failed load with a retry', async () => {
    const user = userEvent.setup();
    await show(3);
    await applyFilters(user, () => user.type(screen.getByLabelText('Tag'), 'env=nowhere'));
    expect(screen.getByText('No traces match these filters.')).toBeTruthy();
    await server!.close();
    await user.click(screen.getByRole('button', { name: 'Clear' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Retry$/);
    expect(screen.getByRole('button', { name: 'Retry' })).toBeTruthy();
  });

  it('virtualises a big page: every row is counted, only the visible ones are in the DOM', async () => {
    const { container } = await show(1000, { defaultPageSize: 1000 });
    expect(table().getAttribute('aria-rowcount')).toBe('1001');
    const rendered = rowIds();
    expect(rendered.length).toBeGreaterThan(10);
    expect(rendered.length).toBeLessThan(100);
    expect(rendered[0]).toBe(rowTraceId(0));
    expect(container.querySelector('.vd-traces__spacer')).not.toBeNull();
  });
});
