import { useEffect, useId, useRef } from 'react';

/** One keyboard shortcut as the dialog lists it. */
export interface ShortcutEntry {
  keys: string[];
  action: string;
}

/** The labeling queue's shortcuts. */
export const LABELING_SHORTCUTS: readonly ShortcutEntry[] = [
  { keys: ['j'], action: 'Next item' },
  { keys: ['k'], action: 'Previous item' },
  { keys: ['1', '…', '9'], action: 'Pick an option of the focused (or first) choice question' },
  { keys: ['Ctrl', 'Enter'], action: 'Submit (⌘ Enter on a Mac; works while typing)' },
  { keys: ['s'], action: 'Skip the item' },
  { keys: ['?'], action: 'Show these shortcuts' },
  { keys: ['Esc'], action: 'Close this dialog' },
];

/** Props of {@link ShortcutsDialog}. */
export interface ShortcutsDialogProps {
  open: boolean;
  onClose: () => void;
  shortcuts?: readonly ShortcutEntry[];
  /** @default 'Keyboard shortcuts' */
  title?: string;
}

/**
 * A modal list of keyboard shortcuts: `role="dialog"` with `aria-modal`, focus on its Close
 * button while open, Tab kept inside, Escape closes, and focus goes back where it was.
 * @example <ShortcutsDialog open={open} onClose={() => setOpen(false)} />
 */
export function ShortcutsDialog({ open, onClose, shortcuts = LABELING_SHORTCUTS, title = 'Keyboard shortcuts' }: ShortcutsDialogProps) {
  const titleId = useId();
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    close.current?.focus();
    return () => before?.focus();
  }, [open]);
  if (!open) return null;
  return (
    <div className="vd-dialog-backdrop" onClick={onClose}>
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        className="vd-dialog"
        onClick={(event) => event.stopPropagation()}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            event.stopPropagation();
            onClose();
          }
          // The only control is Close: Tab stays on it, as focus must not leave a modal.
          if (event.key === 'Tab') {
            event.preventDefault();
            close.current?.focus();
          }
        }}
      >
        <h2 id={titleId} className="vd-dialog__title">
          {title}
        </h2>
        <dl className="vd-shortcuts">
          {shortcuts.map((shortcut) => (
            <div key={shortcut.action} className="vd-shortcuts__row">
              <dt>
                {shortcut.keys.map((key, position) => (key === '…' ? <span key={position}> … </span> : <kbd key={position}>{key}</kbd>))}
              </dt>
              <dd>{shortcut.action}</dd>
            </div>
          ))}
        </dl>
        <button ref={close} type="button" className="vd-button vd-dialog__close" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
