import { useState } from 'react';

/** Props of {@link FoldedText}. */
export interface FoldedTextProps {
  text: string;
  /** Characters shown before "Show more". @default 400 */
  limit?: number;
  className?: string;
}

/**
 * A string shown as text (never parsed as HTML), folded past `limit` characters with a
 * "Show more" / "Show less" toggle.
 * @example <FoldedText text={document.page_content} limit={200} />
 */
export function FoldedText({ text, limit = 400, className }: FoldedTextProps) {
  const [open, setOpen] = useState(false);
  const long = text.length > limit;
  return (
    <span className={['vd-folded', className].filter(Boolean).join(' ')}>
      <span className="vd-folded__text">{long && !open ? `${text.slice(0, limit)}…` : text}</span>
      {long && (
        <button type="button" className="vd-link-button" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? 'Show less' : `Show more (${text.length - limit} more characters)`}
        </button>
      )}
    </span>
  );
}
