import { CreateLabelingSessionForm } from '@verdict/react';
import { useEffect, useId, useRef, useState } from 'react';

/**
 * "Send N traces to review": a button that opens a modal dialog (the browser's own `<dialog>`,
 * so focus stays inside and Escape closes it) with the new-session form; once the session holds
 * the traces, the dialog links to `#/review/<id>`, where reviewers label them.
 */
export function SendToReview({ traceIds }: { traceIds: string[] }) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (element === null) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  const count = traceIds.length;
  return (
    <>
      <button
        type="button"
        className="vd-button vd-button--primary"
        disabled={count === 0}
        onClick={() => {
          setCreated(false);
          setOpen(true);
        }}
      >
        {count === 0 ? 'Select traces to send them to review' : `Send ${count} ${count === 1 ? 'trace' : 'traces'} to review`}
      </button>
      {/* Escape closes the dialog natively; `close` keeps React's state in step. */}
      <dialog ref={dialog} className="traces__dialog" aria-labelledby={titleId} onClose={() => setOpen(false)}>
        <h3 id={titleId}>Send {count === 1 ? 'a trace' : `${count} traces`} to review</h3>
        {/* Mounted only while open, so each opening starts from a fresh form. */}
        {open && (
          <CreateLabelingSessionForm traceIds={traceIds} sessionHref={(id) => `#/review/${id}`} onCancel={() => setOpen(false)} onCreated={() => setCreated(true)} />
        )}
        {open && created && (
          <button type="button" className="vd-button" onClick={() => setOpen(false)}>
            Close
          </button>
        )}
      </dialog>
    </>
  );
}
