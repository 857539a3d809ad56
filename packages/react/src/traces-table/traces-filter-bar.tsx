import type { TraceState } from '@verdict/core';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { TraceFilters } from './trace-filters';

/** Props of {@link TracesFilterBar}. */
export interface TracesFilterBarProps {
  value: TraceFilters;
  onChange(filters: TraceFilters): void;
  /** Assessment names to suggest (those on the current page). */
  assessmentNames?: readonly string[];
}

const STATES: TraceState[] = ['OK', 'ERROR', 'IN_PROGRESS'];

/** `datetime-local` wants local wall-clock time without a zone. */
function toLocalInput(time: number | undefined): string {
  if (time === undefined) return '';
  const date = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

function fromLocalInput(text: string): number | undefined {
  if (text === '') return undefined;
  const time = new Date(text).getTime();
  return Number.isNaN(time) ? undefined : time;
}

/**
 * The traces table's filter form: time window, state, assessment name and value, tag and free
 * text. Applied on submit (Enter or "Apply"), so each keystroke does not hit the server.
 * @example <TracesFilterBar value={filters} onChange={setFilters} assessmentNames={['user_feedback']} />
 */
export function TracesFilterBar({ value, onChange, assessmentNames = [] }: TracesFilterBarProps) {
  const id = useId();
  const [draft, setDraft] = useState(value);
  const [shown, setShown] = useState(value);
  // A new `value` from the parent (e.g. reset) replaces the draft.
  if (shown !== value) {
    setShown(value);
    setDraft(value);
  }
  const set = (patch: Partial<TraceFilters>) => setDraft((current) => ({ ...current, ...patch }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange(draft);
  };
  const field = (name: string) => `${id}-${name}`;
  return (
    <form className="vd-traces__filters" role="search" aria-label="Filter traces" onSubmit={submit}>
      <label className="vd-traces__field" htmlFor={field('from')}>
        <span>From</span>
        <input id={field('from')} type="datetime-local" value={toLocalInput(draft.from)} onChange={(event) => set({ from: fromLocalInput(event.target.value) })} />
      </label>
      <label className="vd-traces__field" htmlFor={field('to')}>
        <span>To</span>
        <input id={field('to')} type="datetime-local" value={toLocalInput(draft.to)} onChange={(event) => set({ to: fromLocalInput(event.target.value) })} />
      </label>
      <label className="vd-traces__field" htmlFor={field('state')}>
        <span>State</span>
        <select id={field('state')} value={draft.state ?? ''} onChange={(event) => set({ state: (event.target.value || undefined) as TraceState | undefined })}>
          <option value="">Any</option>
          {STATES.map((state) => (
            <option key={state} value={state}>
              {state}
            </option>
          ))}
        </select>
      </label>
      <label className="vd-traces__field" htmlFor={field('assessment')}>
        <span>Assessment</span>
        <input id={field('assessment')} list={field('names')} placeholder="user_feedback" value={draft.assessmentName ?? ''} onChange={(event) => set({ assessmentName: event.target.value })} />
        <datalist id={field('names')}>
          {assessmentNames.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
      </label>
      <label className="vd-traces__field" htmlFor={field('value')}>
        <span>Value</span>
        <input id={field('value')} placeholder="true" value={draft.assessmentValue ?? ''} disabled={!draft.assessmentName?.trim()} onChange={(event) => set({ assessmentValue: event.target.value })} />
      </label>
      <label className="vd-traces__field" htmlFor={field('tag')}>
        <span>Tag</span>
        <input id={field('tag')} placeholder="env=prod" value={draft.tag ?? ''} onChange={(event) => set({ tag: event.target.value })} />
      </label>
      <label className="vd-traces__field vd-traces__field--wide" htmlFor={field('text')}>
        <span>Text</span>
        <input id={field('text')} type="search" placeholder="text in the request or response" value={draft.text ?? ''} onChange={(event) => set({ text: event.target.value })} />
      </label>
      <div className="vd-traces__filter-actions">
        <button type="submit" className="vd-button vd-button--primary">
          Apply
        </button>
        <button type="button" className="vd-button" onClick={() => onChange({})}>
          Clear
        </button>
      </div>
    </form>
  );
}
