import type { LabelSchema } from '@verdict/core';
import { JudgeAgreement, useJudgeAgreement, useReviewClient } from '@verdict/react';
import { useEffect, useId, useState } from 'react';

/** Props of {@link JudgeVsHuman}. */
export interface JudgeVsHumanProps {
  /** Finished runs to choose from, the first picked at start. */
  runs: readonly { id: string; label: string }[];
  /** The runs' scorers (as started). */
  scorers: readonly string[];
}

interface Choice {
  run: string;
  scorer: string;
  labelSchema: string;
}

const problem = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** One agreement read; remounted (by key) on every "Show agreement" so labels added since are counted. */
function AgreementView({ choice }: { choice: Choice }) {
  const { status, agreement, error } = useJudgeAgreement(choice.run, choice.scorer, choice.labelSchema);
  if (status === 'error') return <p role="alert">Could not read the agreement: {error}</p>;
  if (agreement === null) return <p role="status">Reading the agreement…</p>;
  // The route answers items 0 (and kappa null, no matrix) when no run trace has a human label of that schema.
  if (agreement.items === 0) {
    return (
      <p role="status" className="evaluate__agreement-empty">
        {`No human “${choice.labelSchema}” labels on this run’s traces yet, so there is nothing to hold “${choice.scorer}” against. Label some of its traces on the Review page, then show the agreement again.`}
      </p>
    );
  }
  return <JudgeAgreement agreement={agreement} />;
}

/**
 * Judge vs human on a finished run: pick a run, one of its scorers and a feedback label schema
 * (`GET /label-schemas`), then see Cohen's kappa and the confusion matrix, or why there is none.
 * @example <JudgeVsHuman runs={[{ id: runId, label: 'Base' }]} scorers={['contains_all']} />
 */
export function JudgeVsHuman({ runs, scorers }: JudgeVsHumanProps) {
  const review = useReviewClient();
  const id = useId();
  const [schemas, setSchemas] = useState<LabelSchema[] | { error: string } | null>(null);
  const [choice, setChoice] = useState<Choice>({ run: runs[0]?.id ?? '', scorer: scorers[0] ?? '', labelSchema: '' });
  const [shown, setShown] = useState<{ choice: Choice; nonce: number } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    review.listLabelSchemas({ signal: controller.signal }).then(
      ({ label_schemas }) => {
        // Only feedback schemas judge an answer, as a scorer does; expectations are inputs to scorers.
        const feedback = label_schemas.filter((schema) => schema.type === 'feedback');
        setSchemas(feedback);
        setChoice((current) => (current.labelSchema === '' && feedback[0] !== undefined ? { ...current, labelSchema: feedback[0].name } : current));
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setSchemas({ error: problem(error) });
      },
    );
    return () => controller.abort();
  }, [review]);

  const headingId = `${id}-heading`;
  const select = (key: keyof Choice, label: string, options: readonly { value: string; label: string }[]) => (
    <p className="evaluate__field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select id={`${id}-${key}`} value={choice[key]} onChange={(event) => setChoice((current) => ({ ...current, [key]: event.target.value }))}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </p>
  );

  let body;
  if (schemas === null) body = <p>Loading label schemas…</p>;
  else if ('error' in schemas) body = <p role="alert">Could not list the label schemas: {schemas.error}</p>;
  else if (schemas.length === 0) body = <p>No feedback label schemas yet: create one on the Review page to compare a judge with human labels.</p>;
  else {
    body = (
      <>
        <form
          className="evaluate__agreement-form"
          aria-label="Judge vs human"
          onSubmit={(event) => {
            event.preventDefault();
            setShown((current) => ({ choice, nonce: (current?.nonce ?? 0) + 1 }));
          }}
        >
          {runs.length > 1 && select('run', 'Run', runs.map((run) => ({ value: run.id, label: run.label })))}
          {select('scorer', 'Scorer', scorers.map((scorer) => ({ value: scorer, label: scorer })))}
          {select('labelSchema', 'Human label schema', schemas.map((schema) => ({ value: schema.name, label: `${schema.title} (${schema.name})` })))}
          <button type="submit" disabled={choice.run === '' || choice.scorer === '' || choice.labelSchema === ''}>
            Show agreement
          </button>
        </form>
        {shown !== null && <AgreementView key={shown.nonce} choice={shown.choice} />}
      </>
    );
  }
  return (
    <section className="evaluate__agreement" aria-labelledby={headingId}>
      <h3 id={headingId}>Judge vs human</h3>
      {body}
    </section>
  );
}
