import type { LabelingItem, LabelingSession, LabelSchema } from '@verdict/core';
import { useEffect, useId, useState } from 'react';
import { useReviewClient } from '../use-review-client';
import { parseUserList, validateNewSession } from './new-session-fields';
import type { NewSessionFields } from './new-session-fields';

/** Props of {@link CreateLabelingSessionForm}. */
export interface CreateLabelingSessionFormProps {
  /** The traces to copy into the new session (e.g. a TracesTable's selection). */
  traceIds: readonly string[];
  /** The name field's starting value. @default `Review of <n> traces` */
  defaultName?: string;
  /** The reviewers field's starting value (user ids). */
  defaultAssignedUsers?: readonly string[];
  /** Called once the session exists and holds the traces. */
  onCreated?(session: LabelingSession, items: LabelingItem[]): void;
  /** Shows a Cancel button that calls this. */
  onCancel?(): void;
  /** Where the created session can be opened; a link to it is shown when given. */
  sessionHref?(sessionId: string): string;
  className?: string;
}

type Phase = { kind: 'editing' } | { kind: 'submitting' } | { kind: 'created'; session: LabelingSession; items: number } | { kind: 'failed'; message: string };

const FIELD_ORDER: readonly (keyof NewSessionFields)[] = ['name', 'users', 'schemas', 'reviewersPerItem'];
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Sends traces to review: a form (session name, reviewers, label schemas from
 * `GET /label-schemas`, reviewers per item) that creates a labeling session and copies the traces
 * into it, in that order. If the traces cannot be added, the empty session is deleted again, so a
 * failure leaves nothing half-made. `data-state` is `loading | editing | submitting | created | failed`.
 * Classes `vd-new-session*`. Needs a `VerdictProvider` with connection options.
 * @example
 * <CreateLabelingSessionForm traceIds={selected} sessionHref={(id) => `#/review/${id}`} onCreated={close} />
 */
export function CreateLabelingSessionForm(props: CreateLabelingSessionFormProps) {
  const { traceIds, defaultName, defaultAssignedUsers = [], onCreated, onCancel, sessionHref, className } = props;
  const review = useReviewClient();
  const id = useId();
  const [schemas, setSchemas] = useState<{ list: LabelSchema[] } | { error: string } | null>(null);
  const [fields, setFields] = useState<NewSessionFields>(() => ({
    name: defaultName ?? `Review of ${traceIds.length} traces`,
    users: defaultAssignedUsers.join(', '),
    schemas: [],
    reviewersPerItem: '1',
  }));
  const [shownErrors, setShownErrors] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });

  useEffect(() => {
    const controller = new AbortController();
    review.listLabelSchemas({ signal: controller.signal }).then(
      ({ label_schemas }) => setSchemas({ list: label_schemas }),
      (error: unknown) => {
        if (!controller.signal.aborted) setSchemas({ error: messageOf(error) });
      },
    );
    return () => controller.abort();
  }, [review]);

  const errors = validateNewSession(fields);
  const set = (patch: Partial<NewSessionFields>) => setFields((old) => ({ ...old, ...patch }));
  const toggleSchema = (name: string, on: boolean) => set({ schemas: on ? [...fields.schemas, name] : fields.schemas.filter((chosen) => chosen !== name) });

  const submit = async () => {
    setShownErrors(true);
    if (Object.keys(errors).length > 0) {
      // Focus the first field in error, so a keyboard user lands where the fix is.
      const first = FIELD_ORDER.find((field) => errors[field] !== undefined);
      if (first !== undefined) document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setPhase({ kind: 'submitting' });
    let session: LabelingSession;
    try {
      session = await review.createLabelingSession({
        name: fields.name.trim(),
        assigned_users: parseUserList(fields.users),
        label_schemas: fields.schemas,
        reviewers_per_item: Number(fields.reviewersPerItem),
      });
    } catch (error) {
      setPhase({ kind: 'failed', message: `Could not create the session: ${messageOf(error)}` });
      return;
    }
    try {
      const { items } = await review.addLabelingItems(session.labeling_session_id, { trace_ids: [...traceIds] });
      setPhase({ kind: 'created', session, items: items.length });
      onCreated?.(session, items);
    } catch (error) {
      // An empty session would only confuse reviewers: take it back (best effort) and say why.
      await review.deleteLabelingSession(session.labeling_session_id).catch(() => undefined);
      setPhase({ kind: 'failed', message: `Could not add the traces: ${messageOf(error)}` });
    }
  };

  const state = schemas === null ? 'loading' : phase.kind;
  const invalid = (field: keyof NewSessionFields) => shownErrors && errors[field] !== undefined;
  const describedBy = (field: keyof NewSessionFields) => (invalid(field) ? `${id}-${field}-error` : undefined);
  const fieldError = (field: keyof NewSessionFields) =>
    invalid(field) && (
      <p id={`${id}-${field}-error`} className="vd-field__error">
        {errors[field]}
      </p>
    );

  if (phase.kind === 'created') {
    const { session, items } = phase;
    return (
      <div className={['vd-new-session', className].filter(Boolean).join(' ')} data-state="created">
        <p role="status" className="vd-new-session__status">
          Created {session.name} with {items} {items === 1 ? 'item' : 'items'}.
        </p>
        {sessionHref !== undefined && (
          <a className="vd-new-session__link" href={sessionHref(session.labeling_session_id)}>
            Open {session.name}
          </a>
        )}
      </div>
    );
  }

  return (
    <form
      className={['vd-new-session', className].filter(Boolean).join(' ')}
      data-state={state}
      aria-label="New labeling session"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (phase.kind !== 'submitting') void submit();
      }}
    >
      <div className="vd-field">
        <label htmlFor={`${id}-name`}>Session name</label>
        <input
          id={`${id}-name`}
          className="vd-input"
          value={fields.name}
          onChange={(event) => set({ name: event.target.value })}
          aria-invalid={invalid('name')}
          aria-describedby={describedBy('name')}
        />
        {fieldError('name')}
      </div>
      <div className="vd-field">
        <label htmlFor={`${id}-users`}>Reviewers</label>
        <input
          id={`${id}-users`}
          className="vd-input"
          value={fields.users}
          onChange={(event) => set({ users: event.target.value })}
          aria-invalid={invalid('users')}
          aria-describedby={[`${id}-users-hint`, describedBy('users')].filter(Boolean).join(' ')}
        />
        <p id={`${id}-users-hint`} className="vd-muted vd-new-session__hint">
          User ids, separated by commas. Only they (and developers) see the session.
        </p>
        {fieldError('users')}
      </div>
      <fieldset className="vd-field" aria-describedby={describedBy('schemas')}>
        <legend>Label schemas</legend>
        {schemas === null && <p className="vd-muted">Loading the label schemas…</p>}
        {schemas !== null && 'error' in schemas && <p className="vd-field__error">Could not load the label schemas: {schemas.error}</p>}
        {schemas !== null && 'list' in schemas && schemas.list.length === 0 && <p className="vd-muted">No label schemas yet: create one with POST /label-schemas.</p>}
        {schemas !== null &&
          'list' in schemas &&
          schemas.list.map((schema, position) => (
            <label key={schema.name} className="vd-new-session__schema">
              <input
                type="checkbox"
                // The first box stands for the group when focus goes to the first field in error.
                id={position === 0 ? `${id}-schemas` : undefined}
                checked={fields.schemas.includes(schema.name)}
                onChange={(event) => toggleSchema(schema.name, event.target.checked)}
                aria-invalid={position === 0 && invalid('schemas') ? true : undefined}
              />{' '}
              {schema.title} <span className="vd-muted">({schema.name}, {schema.type})</span>
            </label>
          ))}
        {fieldError('schemas')}
      </fieldset>
      <div className="vd-field">
        <label htmlFor={`${id}-reviewersPerItem`}>Reviewers per item</label>
        <input
          id={`${id}-reviewersPerItem`}
          className="vd-input vd-new-session__number"
          type="number"
          min={1}
          max={10}
          value={fields.reviewersPerItem}
          onChange={(event) => set({ reviewersPerItem: event.target.value })}
          aria-invalid={invalid('reviewersPerItem')}
          aria-describedby={describedBy('reviewersPerItem')}
        />
        {fieldError('reviewersPerItem')}
      </div>
      {phase.kind === 'failed' && (
        <p role="alert" className="vd-new-session__error">
          {phase.message}
        </p>
      )}
      <div className="vd-new-session__actions">
        <button type="submit" className="vd-button vd-button--primary" disabled={traceIds.length === 0 || phase.kind === 'submitting'}>
          {phase.kind === 'submitting' ? 'Creating…' : `Create session with ${traceIds.length} ${traceIds.length === 1 ? 'trace' : 'traces'}`}
        </button>
        {onCancel !== undefined && (
          <button type="button" className="vd-button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
