import { useCallback, useEffect, useRef, useState } from 'react';
import { LabelingForm } from './labeling-form';
import type { LabelingFormHandle } from './labeling-form';
import { LabelingProgress } from './labeling-progress';
import { LabelingTracePreview } from './labeling-trace-preview';
import { ShortcutsDialog } from './shortcuts-dialog';
import { useLabeling } from './use-labeling';
import { useLabelingShortcuts } from './use-labeling-shortcuts';

/** Props of {@link LabelingQueue}. */
export interface LabelingQueueProps {
  sessionId: string;
  /**
   * Asked before leaving an item with unsaved answers (j/k, Next, Previous); resolve true to
   * leave. @default window.confirm('Discard the unsaved labels on this item?')
   */
  confirmDiscard?: () => boolean | Promise<boolean>;
  /** Called once every item of the queue is completed or skipped. */
  onDone?: () => void;
  /** After this long without activity the item's claim is no longer renewed. @default 600_000 (10 min) */
  idleAfterMs?: number;
  className?: string;
}

const defaultConfirm = () => window.confirm('Discard the unsaved labels on this item?');

/**
 * A reviewer's labeling view: the item's trace (request, response, retrieved documents) beside
 * the labeling form, session progress, previous/next, and a keyboard for everything — `j`/`k`,
 * `1`–`9`, `Ctrl`/`⌘`+`Enter`, `s`, `?`. After each submit or skip, focus lands on the next
 * item's first question. The shown item stays claimed (renewed before it runs out) while the
 * reviewer is active; if another reviewer took it meanwhile, an alert says so and the form locks.
 * `data-state` is `loading | ready | error | done`. Classes `vd-labeling-queue*`.
 * @example <VerdictProvider baseUrl="/api"><LabelingQueue sessionId="ls-…" /></VerdictProvider>
 */
export function LabelingQueue({ sessionId, confirmDiscard = defaultConfirm, onDone, idleAfterMs, className }: LabelingQueueProps) {
  const labeling = useLabeling(sessionId, idleAfterMs === undefined ? {} : { idleAfterMs });
  const root = useRef<HTMLElement>(null);
  const form = useRef<LabelingFormHandle>(null);
  const doneHeading = useRef<HTMLHeadingElement>(null);
  const [dirty, setDirty] = useState(false);
  const [helpOpen, setHelpOpen] = useState(false);
  const { item, done, status } = labeling;

  const leave = useCallback(
    async (move: () => void) => {
      if (dirty && !(await confirmDiscard())) return;
      setDirty(false);
      move();
    },
    [dirty, confirmDiscard],
  );

  useLabelingShortcuts(
    root,
    {
      next: () => void leave(labeling.next),
      previous: () => void leave(labeling.previous),
      pick: (n) => form.current?.pickOption(n),
      submit: () => void form.current?.submit(),
      skip: () => void form.current?.skip(),
      help: () => setHelpOpen(true),
    },
    helpOpen || status !== 'ready',
  );

  // Once per finish, however often the caller passes a new onDone.
  const latestOnDone = useRef(onDone);
  latestOnDone.current = onDone;
  useEffect(() => {
    if (!done) return;
    doneHeading.current?.focus();
    latestOnDone.current?.();
  }, [done]);

  const state = status === 'ready' && done ? 'done' : status;
  const readOnly = labeling.claim === 'taken' || labeling.claim === 'lost' || (item !== null && Object.hasOwn(labeling.finished, item.item_id));
  return (
    <section ref={root} className={['vd-labeling-queue', className].filter(Boolean).join(' ')} data-state={state} aria-label={labeling.session?.name ?? 'Labeling'} aria-busy={status === 'loading'}>
      <header className="vd-labeling-queue__header">
        <h2 className="vd-labeling-queue__title">{labeling.session?.name ?? 'Labeling session'}</h2>
        {labeling.session !== null && <LabelingProgress done={labeling.progress.done} total={labeling.progress.total} />}
        <div className="vd-labeling-queue__nav">
          <button type="button" className="vd-button" onClick={() => void leave(labeling.previous)} disabled={!labeling.hasPrevious || done} aria-keyshortcuts="k">
            Previous
          </button>
          {item !== null && !done && (
            <span className="vd-labeling-queue__position">
              Item {labeling.index + 1} of {labeling.items.length}
            </span>
          )}
          <button type="button" className="vd-button" onClick={() => void leave(labeling.next)} disabled={!labeling.hasNext || done} aria-keyshortcuts="j">
            Next
          </button>
          <button type="button" className="vd-button vd-button--ghost vd-labeling-queue__help" onClick={() => setHelpOpen(true)} aria-keyshortcuts="?">
            Shortcuts <kbd aria-hidden="true">?</kbd>
          </button>
        </div>
      </header>
      {status === 'loading' && <p className="vd-muted">Loading the session…</p>}
      {status === 'error' && (
        <div role="alert" className="vd-labeling-queue__error">
          <p>Could not load this session: {labeling.error?.message}</p>
          <button type="button" className="vd-button" onClick={labeling.reload}>
            Try again
          </button>
        </div>
      )}
      {status === 'ready' && done && (
        <div className="vd-labeling-queue__done">
          <h3 ref={doneHeading} tabIndex={-1}>
            All done
          </h3>
          <p>There is nothing left for you to label in this session.</p>
        </div>
      )}
      {status === 'ready' && !done && item !== null && (
        <div className="vd-labeling-queue__body" data-item-id={item.item_id}>
          <div className="vd-labeling-queue__trace">
            {labeling.trace !== null ? (
              <LabelingTracePreview trace={labeling.trace} />
            ) : (
              <p className="vd-muted" role={labeling.traceStatus === 'error' ? 'alert' : undefined}>
                {labeling.traceStatus === 'error' ? 'Could not load the trace of this item.' : 'Loading the trace…'}
              </p>
            )}
          </div>
          <div className="vd-labeling-queue__form">
            {labeling.claim === 'taken' && <p className="vd-labeling-queue__notice">Another reviewer is labeling this item. Press j for the next one.</p>}
            {labeling.claim === 'lost' && (
              <p className="vd-labeling-queue__notice" role="alert">
                Your hold on this item ran out and another reviewer has taken it, so your answers here cannot be saved. Press j for the next one.
              </p>
            )}
            {labeling.claim === 'error' && <p className="vd-labeling-queue__notice">Could not reserve this item for you; another reviewer may label it too.</p>}
            {Object.hasOwn(labeling.finished, item.item_id) && <p className="vd-labeling-queue__notice">You have {labeling.finished[item.item_id]} this item.</p>}
            <LabelingForm
              // A fresh form per item: its answers, dirty state and focus start over.
              key={item.item_id}
              ref={form}
              schemas={labeling.schemas}
              defaultValues={labeling.answers}
              onSubmit={labeling.submit}
              onSkip={labeling.skip}
              onDirtyChange={setDirty}
              readOnly={readOnly}
              autoFocus
            />
          </div>
        </div>
      )}
      <ShortcutsDialog open={helpOpen} onClose={() => setHelpOpen(false)} />
    </section>
  );
}
