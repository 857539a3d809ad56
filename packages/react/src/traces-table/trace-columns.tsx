import type { ColumnDef, Row } from '@tanstack/react-table';
import type { AssessmentValue, TraceInfo } from '@verdict/core';
import { AssessmentCellValue } from './assessment-cell-value';
import type { TraceTableFeatures } from './trace-table-features';
import { TruncatedText } from './truncated-text';

/** A column of the traces table (TanStack Table v9 column definition over `TraceInfo`). */
export type TraceColumn = ColumnDef<TraceTableFeatures, TraceInfo>;

/** The id of the column of assessments named `name`. */
export const assessmentColumnId = (name: string) => `assessment:${name}`;

function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** Values of the valid assessments named `name`, oldest first. */
export function assessmentValues(info: TraceInfo, name: string): AssessmentValue[] {
  const values: AssessmentValue[] = [];
  for (const assessment of info.assessments) {
    if (!assessment.valid || assessment.assessment_name !== name) continue;
    const value = assessment.feedback !== undefined ? assessment.feedback.value : assessment.expectation.value;
    if (value !== undefined) values.push(value);
  }
  return values;
}

/** A rank for mixed values, so a column sorts numbers, then booleans, then text, then the rest. */
function rank(value: unknown): number {
  return typeof value === 'number' ? 0 : typeof value === 'boolean' ? 1 : typeof value === 'string' ? 2 : 3;
}

function compareValues(a: unknown, b: unknown): number {
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const left = typeof a === 'string' ? a : JSON.stringify(a);
  const right = typeof b === 'string' ? b : JSON.stringify(b);
  return left.localeCompare(right);
}

/** Booleans shown once with a count (three voters: 👍 2 👎 1), other values each. */
function AssessmentCell({ values }: { values: AssessmentValue[] }) {
  if (values.length === 1) return <AssessmentCellValue value={values[0]} />;
  const up = values.filter((value) => value === true).length;
  const down = values.filter((value) => value === false).length;
  const others = values.filter((value) => typeof value !== 'boolean');
  return (
    <span className="vd-value vd-value--many">
      {up > 0 && (
        <span className="vd-value vd-value--boolean" data-value="true">
          <span aria-hidden="true">👍</span>
          <span className="vd-visually-hidden">yes ×</span> {up}
        </span>
      )}
      {down > 0 && (
        <span className="vd-value vd-value--boolean" data-value="false">
          <span aria-hidden="true">👎</span>
          <span className="vd-visually-hidden">no ×</span> {down}
        </span>
      )}
      {others.map((value, index) => (
        <AssessmentCellValue key={index} value={value} />
      ))}
    </span>
  );
}

/**
 * The column of the assessments named `name`: each trace's valid values of it, sortable.
 * @example const columns = [...traceColumns, assessmentColumn('user_feedback')]
 */
export function assessmentColumn(name: string): TraceColumn {
  return {
    id: assessmentColumnId(name),
    header: name,
    accessorFn: (info) => assessmentValues(info, name)[0],
    sortFn: (a: Row<TraceTableFeatures, TraceInfo>, b: Row<TraceTableFeatures, TraceInfo>, columnId: string) =>
      compareValues(a.getValue(columnId), b.getValue(columnId)),
    sortUndefined: 'last',
    sortDescFirst: false,
    cell: ({ row }) => <AssessmentCell values={assessmentValues(row.original, name)} />,
  };
}

/**
 * The names of the assessments (valid ones) on a page of traces, in order of first appearance:
 * the traces table shows one column for each.
 * @example assessmentNamesOf(traces) // ['user_feedback', 'user_accuracy']
 */
export function assessmentNamesOf(traces: readonly TraceInfo[]): string[] {
  const names = new Set<string>();
  for (const info of traces) for (const assessment of info.assessments) if (assessment.valid) names.add(assessment.assessment_name);
  return [...names];
}

/**
 * The traces table's fixed columns: time, request, response, duration, state and tags. Override
 * by passing your own list (spread these, drop or replace some) as `TracesTable`'s `columns`.
 * @example <TracesTable columns={traceColumns.filter((column) => column.id !== 'tags')} />
 */
export const traceColumns: TraceColumn[] = [
  {
    id: 'request_time',
    accessorKey: 'request_time',
    header: 'Time',
    sortFn: 'basic',
    sortDescFirst: true,
    cell: ({ row }) => {
      const time = row.original.request_time;
      return <time dateTime={new Date(time).toISOString()}>{new Date(time).toLocaleString()}</time>;
    },
  },
  {
    id: 'request_preview',
    accessorKey: 'request_preview',
    header: 'Request',
    sortFn: 'text',
    cell: ({ row }) => <TruncatedText text={row.original.request_preview} max={60} />,
  },
  {
    id: 'response_preview',
    accessorKey: 'response_preview',
    header: 'Response',
    sortFn: 'text',
    cell: ({ row }) => <TruncatedText text={row.original.response_preview} max={60} />,
  },
  {
    id: 'execution_duration',
    accessorFn: (info) => info.execution_duration ?? undefined,
    header: 'Duration',
    sortFn: 'basic',
    // Shortest first on the first click, as people expect; TanStack starts numbers descending.
    sortDescFirst: false,
    sortUndefined: 'last',
    cell: ({ row }) => <span className="vd-value vd-value--number">{formatDuration(row.original.execution_duration)}</span>,
  },
  {
    id: 'state',
    accessorKey: 'state',
    header: 'State',
    sortFn: 'text',
    cell: ({ row }) => (
      <span className="vd-chip vd-chip--state" data-state={row.original.state}>
        {row.original.state}
      </span>
    ),
  },
  {
    id: 'tags',
    accessorFn: (info) =>
      Object.entries(info.tags)
        .map(([key, value]) => `${key}=${value}`)
        .join(' '),
    header: 'Tags',
    sortFn: 'text',
    cell: ({ row }) => (
      <span className="vd-chips">
        {Object.entries(row.original.tags).map(([key, value]) => (
          <span className="vd-chip" key={key}>
            {`${key}=${value}`}
          </span>
        ))}
      </span>
    ),
  },
];
