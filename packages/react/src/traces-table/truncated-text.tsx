/** Props of {@link TruncatedText}. */
export interface TruncatedTextProps {
  text: string;
  /** Characters shown before the ellipsis. @default 80 */
  max?: number;
}

/**
 * Text cut to `max` characters, the whole of it shown in a tooltip on hover **and** keyboard
 * focus (the short form is focusable only when cut), and always read whole by screen readers.
 * Rendered as text, never as HTML.
 * @example <TruncatedText text={info.request_preview} max={60} />
 */
export function TruncatedText({ text, max = 80 }: TruncatedTextProps) {
  if (text.length <= max) return <span className="vd-truncated">{text}</span>;
  return (
    <span className="vd-truncated" data-truncated="" tabIndex={0} title={text}>
      <span aria-hidden="true">{`${text.slice(0, max).trimEnd()}…`}</span>
      <span className="vd-visually-hidden">{text}</span>
      <span className="vd-truncated__full" aria-hidden="true">
        {text}
      </span>
    </span>
  );
}
