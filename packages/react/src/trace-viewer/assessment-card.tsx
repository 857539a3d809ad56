import type { Assessment, AssessmentSource, CreateAssessmentBody, OverrideAssessmentBody } from '@verdict/core';
import { useState } from 'react';
import { AssessmentForm } from './assessment-form';
import type { AssessmentEntry } from './assessment-history';
import { AssessmentErrorView, AssessmentValueView, assessmentValueOf } from './assessment-value-view';
import { FoldedText } from './folded-text';

/** What a card can do when the panel is editable. */
export interface AssessmentActions {
  onOverride: (assessmentId: string, body: OverrideAssessmentBody) => Promise<unknown>;
  onDelete: (assessmentId: string) => Promise<unknown>;
  source?: AssessmentSource;
}

const SOURCE_LABELS: Record<AssessmentSource['source_type'], string> = { HUMAN: 'Human', LLM_JUDGE: 'LLM judge', CODE: 'Code' };

function When({ ms }: { ms: number }) {
  const date = new Date(ms);
  return <time dateTime={date.toISOString()}>{date.toLocaleString()}</time>;
}

/** Source, time and rationale: what every value (current or replaced) shows. */
function Provenance({ assessment }: { assessment: Assessment }) {
  return (
    <>
      {assessment.rationale !== undefined && assessment.rationale !== '' && (
        <p className="vd-assessment__rationale">
          <FoldedText text={assessment.rationale} limit={300} />
        </p>
      )}
      <p className="vd-assessment__meta">
        <span className="vd-assessment__source" data-source={assessment.source.source_type}>
          {SOURCE_LABELS[assessment.source.source_type] ?? assessment.source.source_type}
        </span>{' '}
        {assessment.source.source_id} · <When ms={assessment.create_time} />
      </p>
    </>
  );
}

// Overrides must keep the old one's kind: the server refuses a feedback replacing an expectation.
function overrideBody(body: CreateAssessmentBody): OverrideAssessmentBody {
  const { feedback, expectation, rationale, source, metadata } = body;
  return { ...(feedback === undefined ? {} : { feedback }), ...(expectation === undefined ? {} : { expectation }), ...(rationale === undefined ? {} : { rationale }), ...(source === undefined ? {} : { source }), ...(metadata === undefined ? {} : { metadata }) };
}

/**
 * One assessment: name, kind, value, rationale, source and time, the values it replaced folded
 * below, and (unless read-only) Edit (= override) and Delete with a confirm step.
 * @example <AssessmentCard entry={{ current, history: [] }} actions={{ onOverride, onDelete }} />
 */
export function AssessmentCard({ entry, spanName, actions, onSelectSpan }: { entry: AssessmentEntry; spanName?: string; actions?: AssessmentActions; onSelectSpan?: (spanId: string) => void }) {
  const { current, history } = entry;
  const [mode, setMode] = useState<'view' | 'edit' | 'confirm-delete' | 'deleting'>('view');
  const [error, setError] = useState<string | null>(null);
  const kind = current.expectation !== undefined ? 'Expectation' : 'Feedback';

  const remove = async () => {
    if (actions === undefined) return;
    setMode('deleting');
    setError(null);
    try {
      await actions.onDelete(current.assessment_id);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      setMode('view');
    }
  };

  return (
    <article className="vd-assessment" aria-label={`${current.assessment_name} (${kind.toLowerCase()})`} data-valid={current.valid} data-kind={kind.toLowerCase()}>
      <header className="vd-assessment__header">
        <h3 className="vd-assessment__name">{current.assessment_name}</h3>
        <span className="vd-badge">{kind}</span>
        {spanName !== undefined &&
          (onSelectSpan !== undefined && current.span_id !== undefined ? (
            <button type="button" className="vd-badge vd-badge--span vd-badge--button" onClick={() => onSelectSpan(current.span_id!)} aria-label={`Show span ${spanName}`}>
              span {spanName}
            </button>
          ) : (
            <span className="vd-badge vd-badge--span">span {spanName}</span>
          ))}
        {!current.valid && <span className="vd-badge vd-badge--invalid">overridden</span>}
      </header>
      <div className="vd-assessment__value">
        <AssessmentValueView value={assessmentValueOf(current)} />
        <AssessmentErrorView assessment={current} />
      </div>
      <Provenance assessment={current} />
      {history.length > 0 && (
        <details className="vd-assessment__history">
          <summary>
            {history.length} earlier {history.length === 1 ? 'value' : 'values'}
          </summary>
          <ol>
            {history.map((older) => (
              <li key={older.assessment_id} className="vd-assessment__older" data-valid={older.valid}>
                <AssessmentValueView value={assessmentValueOf(older)} />
                <Provenance assessment={older} />
              </li>
            ))}
          </ol>
        </details>
      )}
      {error !== null && (
        <p role="alert" className="vd-field__error">
          {error}
        </p>
      )}
      {actions !== undefined && current.valid && mode === 'view' && (
        <div className="vd-assessment__actions">
          <button type="button" className="vd-button" onClick={() => setMode('edit')} aria-label={`Edit ${current.assessment_name}`}>
            Edit
          </button>
          <button type="button" className="vd-button vd-button--ghost" onClick={() => setMode('confirm-delete')} aria-label={`Delete ${current.assessment_name}`}>
            Delete
          </button>
        </div>
      )}
      {actions !== undefined && mode === 'edit' && (
        <AssessmentForm
          editing={current}
          source={actions.source}
          onCancel={() => setMode('view')}
          onSubmit={async (body) => {
            await actions.onOverride(current.assessment_id, overrideBody(body));
          }}
        />
      )}
      {actions !== undefined && (mode === 'confirm-delete' || mode === 'deleting') && (
        <div className="vd-assessment__confirm" role="group" aria-label={`Confirm deleting ${current.assessment_name}`}>
          <p>Delete “{current.assessment_name}”? This cannot be undone.</p>
          <button type="button" className="vd-button vd-button--danger" disabled={mode === 'deleting'} onClick={() => void remove()}>
            {mode === 'deleting' ? 'Deleting…' : 'Confirm delete'}
          </button>
          <button type="button" className="vd-button" disabled={mode === 'deleting'} onClick={() => setMode('view')}>
            Cancel
          </button>
        </div>
      )}
    </article>
  );
}
