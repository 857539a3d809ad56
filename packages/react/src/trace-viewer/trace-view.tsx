import type { AssessmentSource, CreateAssessmentBody, OverrideAssessmentBody, Trace } from '@verdict/core';
import { useMemo, useState } from 'react';
import { AssessmentsPanel } from './assessments-panel';
import { FoldedText } from './folded-text';
import { SpanDetails } from './span-details';
import { SpanTree } from './span-tree';
import { buildSpanTree, formatDuration } from './span-tree-model';

/** Props of {@link TraceView}. */
export interface TraceViewProps {
  trace: Trace;
  /** Hides every way to write assessments. @default false */
  readOnly?: boolean;
  /** Who is assessing (sent with writes); without it the server records HUMAN `anonymous`. */
  source?: AssessmentSource;
  onAddAssessment?: (body: CreateAssessmentBody) => Promise<unknown>;
  onOverrideAssessment?: (assessmentId: string, body: OverrideAssessmentBody) => Promise<unknown>;
  onDeleteAssessment?: (assessmentId: string) => Promise<unknown>;
  /** The span selected at first. @default the root span */
  defaultSelectedSpanId?: string;
  /** Opens the add-assessment form at first. @default false */
  defaultAdding?: boolean;
  className?: string;
}

/**
 * A loaded trace: header, span tree with waterfall, the selected span's details, and the
 * assessments panel. {@link TraceViewer} wraps it with loading; use this one when you already
 * hold the trace (e.g. a labeling queue).
 * @example <TraceView trace={trace} readOnly />
 */
export function TraceView(props: TraceViewProps) {
  const { trace, readOnly = false, source, onAddAssessment, onOverrideAssessment, onDeleteAssessment, defaultSelectedSpanId, defaultAdding, className } = props;
  const tree = useMemo(() => buildSpanTree(trace.data.spans), [trace.data.spans]);
  const [chosen, setChosen] = useState<string | null>(defaultSelectedSpanId ?? null);
  const selected = (chosen === null ? undefined : tree.byId.get(chosen)) ?? tree.roots[0];
  const spanNames = useMemo(() => new Map([...tree.byId].map(([id, node]) => [id, node.span.name])), [tree]);
  const { info } = trace;
  const isRoot = selected === undefined || selected.parent === null;
  return (
    <div className={['vd-trace', className].filter(Boolean).join(' ')} data-state={info.state}>
      <header className="vd-trace__header">
        <h2 className="vd-trace__title">
          Trace <code>{info.trace_id}</code>
        </h2>
        <p className="vd-trace__facts">
          <span className="vd-status" data-status={info.state}>
            {info.state}
          </span>{' '}
          · {formatDuration(info.execution_duration)} · {trace.data.spans.length} {trace.data.spans.length === 1 ? 'span' : 'spans'}
        </p>
        {info.request_preview !== '' && (
          <p className="vd-trace__preview">
            <span className="vd-muted">Request: </span>
            <FoldedText text={info.request_preview} limit={200} />
          </p>
        )}
      </header>
      <div className="vd-trace__body">
        <div className="vd-trace__spans">
          {tree.roots.length === 0 ? <p className="vd-muted">This trace has no spans.</p> : <SpanTree tree={tree} selectedSpanId={selected?.span.span_id ?? null} onSelect={setChosen} />}
        </div>
        <div className="vd-trace__details">{selected !== undefined && <SpanDetails span={selected.span} />}</div>
        <AssessmentsPanel
          className="vd-trace__assessments"
          assessments={info.assessments}
          spanNames={spanNames}
          selectedSpan={isRoot || selected === undefined ? null : { spanId: selected.span.span_id, name: selected.span.name }}
          readOnly={readOnly}
          source={source}
          onAdd={onAddAssessment}
          onOverride={onOverrideAssessment}
          onDelete={onDeleteAssessment}
          onSelectSpan={setChosen}
          defaultAdding={defaultAdding}
        />
      </div>
    </div>
  );
}
