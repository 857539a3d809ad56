import type { Assessment, AssessmentSource, CreateAssessmentBody, OverrideAssessmentBody } from '@verdict/core';
import { useId, useMemo, useState } from 'react';
import { AssessmentCard } from './assessment-card';
import { AssessmentForm } from './assessment-form';
import { groupAssessments } from './assessment-history';

/** Props of {@link AssessmentsPanel}. */
export interface AssessmentsPanelProps {
  assessments: readonly Assessment[];
  /** Span names by span id, to say which span an assessment is about. */
  spanNames?: ReadonlyMap<string, string>;
  /** The selected span (offered as the target of a new assessment); null for the root. */
  selectedSpan?: { spanId: string; name: string } | null;
  /** Hides Add, Edit and Delete. @default false */
  readOnly?: boolean;
  /** Who is assessing (sent with writes). */
  source?: AssessmentSource;
  onAdd?: (body: CreateAssessmentBody) => Promise<unknown>;
  onOverride?: (assessmentId: string, body: OverrideAssessmentBody) => Promise<unknown>;
  onDelete?: (assessmentId: string) => Promise<unknown>;
  /** Called when a span badge is pressed (the viewer selects that span). */
  onSelectSpan?: (spanId: string) => void;
  /** Opens the add form at first (stories). */
  defaultAdding?: boolean;
  className?: string;
}

/**
 * Every assessment of a trace with the values it overrode folded under it, and (unless
 * `readOnly` or without handlers) an "Add assessment" form, Edit (override) and Delete.
 * @example <AssessmentsPanel assessments={trace.info.assessments} onAdd={add} onOverride={override} onDelete={remove} />
 */
export function AssessmentsPanel(props: AssessmentsPanelProps) {
  const { assessments, spanNames, selectedSpan, readOnly = false, source, onAdd, onOverride, onDelete, onSelectSpan, defaultAdding = false, className } = props;
  const [adding, setAdding] = useState(defaultAdding);
  const headingId = useId();
  const entries = useMemo(() => groupAssessments(assessments), [assessments]);
  const actions = readOnly || onOverride === undefined || onDelete === undefined ? undefined : { onOverride, onDelete, source };
  const canAdd = !readOnly && onAdd !== undefined;
  return (
    <section className={['vd-assessments', className].filter(Boolean).join(' ')} aria-labelledby={headingId}>
      <header className="vd-assessments__header">
        <h2 id={headingId}>Assessments</h2>
        {canAdd && !adding && (
          <button type="button" className="vd-button" onClick={() => setAdding(true)}>
            Add assessment
          </button>
        )}
      </header>
      {canAdd && adding && (
        <AssessmentForm
          // A new target span starts a fresh form, so a half-typed value never lands on the wrong span.
          key={selectedSpan?.spanId ?? 'trace'}
          span={selectedSpan}
          source={source}
          onCancel={() => setAdding(false)}
          onSubmit={async (body) => {
            await onAdd(body);
            setAdding(false);
          }}
        />
      )}
      {entries.length === 0 ? (
        <p className="vd-muted">No assessments yet.</p>
      ) : (
        <ul className="vd-assessments__list">
          {entries.map((entry) => (
            <li key={entry.current.assessment_id}>
              <AssessmentCard
                entry={entry}
                spanName={entry.current.span_id === undefined ? undefined : (spanNames?.get(entry.current.span_id) ?? entry.current.span_id)}
                actions={actions}
                onSelectSpan={onSelectSpan}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
