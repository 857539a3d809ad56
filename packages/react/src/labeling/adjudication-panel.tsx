import type { JsonValue, LabelValue } from '@verdict/core';
import { useId, useRef, useState } from 'react';
import { LabelingForm } from './labeling-form';
import { ReviewerAgreementTable } from './reviewer-agreement-table';
import type { LabelingFormHandle } from './labeling-form';
import { useAdjudication } from './use-adjudication';
import type { DisagreementGroup, UseAdjudicationResult } from './use-adjudication';

const METRIC_NAMES = { cohen_kappa: "Cohen's kappa", krippendorff_alpha: "Krippendorff's alpha", exact_match: 'exact match rate' } as const;

/**
 * A reviewer's value as one line of text: lists joined with " · ".
 * @example formatLabelValue(['a', 'b']) // 'a · b'
 */
export function formatLabelValue(value: JsonValue): string {
  if (Array.isArray(value)) return value.map((entry) => (typeof entry === 'string' ? entry : JSON.stringify(entry))).join(' · ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

// Only values of a label's own shapes can be picked as its gold label.
const isLabelValue = (value: JsonValue): value is LabelValue =>
  typeof value === 'string' || typeof value === 'number' || (Array.isArray(value) && value.every((entry) => typeof entry === 'string'));

function AgreementFigures({ agreement }: { agreement: UseAdjudicationResult['agreement'] }) {
  const entries = Object.entries(agreement);
  if (entries.length === 0) return null;
  return (
    <table className="vd-adjudication__agreement">
      <caption>Agreement per question</caption>
      <thead>
        <tr>
          <th scope="col">Question</th>
          <th scope="col">Metric</th>
          <th scope="col">Value</th>
          <th scope="col">Items compared</th>
        </tr>
      </thead>
      <tbody>
        {entries.map(([name, figure]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>{METRIC_NAMES[figure.metric]}</td>
            <td>{figure.value === null ? 'n/a' : figure.value.toFixed(2)}</td>
            <td>{figure.items}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DisagreementCard({ group, position, onResolve }: { group: DisagreementGroup; position: number; onResolve: UseAdjudicationResult['resolve'] }) {
  const form = useRef<LabelingFormHandle>(null);
  const titleId = useId();
  return (
    <li className="vd-adjudication__item" aria-labelledby={titleId}>
      <h3 id={titleId} className="vd-adjudication__item-title">
        Item {position} <code>{group.item.item_id}</code>
      </h3>
      {group.disputes.map(({ schema, values }) => (
        <div key={schema.name} className="vd-adjudication__dispute">
          <p className="vd-adjudication__question">{schema.title}</p>
          <ul className="vd-adjudication__values">
            {Object.entries(values).map(([reviewer, value]) => (
              <li key={reviewer} className="vd-adjudication__value">
                <span className="vd-adjudication__reviewer">{reviewer}</span>: <span>{formatLabelValue(value)}</span>{' '}
                {isLabelValue(value) && (
                  <button
                    type="button"
                    className="vd-button vd-adjudication__use"
                    aria-label={`Use ${reviewer}'s answer to ${schema.title}`}
                    onClick={() => form.current?.setAnswer(schema.name, value)}
                  >
                    Use {reviewer}&apos;s answer
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
      <LabelingForm
        ref={form}
        schemas={group.disputes.map(({ schema }) => ({ ...schema, enable_comment: false }))}
        onSubmit={(labels) => onResolve(group.item.item_id, labels)}
        labels={{ submit: 'Save gold label', form: `Gold label for item ${position}` }}
      />
    </li>
  );
}

/** Props of {@link AdjudicationPanel}. */
export interface AdjudicationPanelProps {
  sessionId: string;
  className?: string;
}

/**
 * A developer's adjudication view of a session: agreement per question and per reviewer (with the
 * other reviewers and with gold labels), then every item where
 * reviewers disagree with each reviewer's value; pick one ("Use ann's answer") or write the gold
 * label, and save it. Settled items leave the list. Classes `vd-adjudication*`.
 * @example <VerdictProvider baseUrl="/api"><AdjudicationPanel sessionId="ls-…" /></VerdictProvider>
 */
export function AdjudicationPanel({ sessionId, className }: AdjudicationPanelProps) {
  const adjudication = useAdjudication(sessionId);
  const [saved, setSaved] = useState<string | null>(null);
  const { status, groups } = adjudication;
  const resolve = async (itemId: string, labels: Record<string, LabelValue>) => {
    await adjudication.resolve(itemId, labels);
    setSaved(`Saved the gold label of ${itemId}.`);
  };
  return (
    <section className={['vd-adjudication', className].filter(Boolean).join(' ')} data-state={status} aria-labelledby={`${sessionId}-adjudication`}>
      <h2 id={`${sessionId}-adjudication`} className="vd-adjudication__title">
        Disagreements{adjudication.session === null ? '' : `: ${adjudication.session.name}`}
      </h2>
      {status === 'loading' && <p className="vd-muted">Loading the agreement report…</p>}
      {status === 'error' && (
        <div role="alert">
          <p>Could not load the agreement report: {adjudication.error?.message}</p>
          <button type="button" className="vd-button" onClick={adjudication.reload}>
            Try again
          </button>
        </div>
      )}
      <p role="status" className="vd-adjudication__status">
        {saved ?? ''}
      </p>
      {status === 'ready' && (
        <>
          <AgreementFigures agreement={adjudication.agreement} />
          <ReviewerAgreementTable agreement={adjudication.agreement} />
          {groups.length === 0 ? (
            <p className="vd-adjudication__empty">No disagreements left to settle.</p>
          ) : (
            <ol className="vd-adjudication__items">
              {groups.map((group, position) => (
                <DisagreementCard key={group.item.item_id} group={group} position={position + 1} onResolve={resolve} />
              ))}
            </ol>
          )}
        </>
      )}
    </section>
  );
}
