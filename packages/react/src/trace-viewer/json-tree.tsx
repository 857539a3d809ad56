import type { JsonValue } from '@verdict/core';
import { useState } from 'react';
import { FoldedText } from './folded-text';

/** Props of {@link JsonTree}. */
export interface JsonTreeProps {
  value: JsonValue | undefined;
  /** Names the root for screen readers, e.g. "Inputs". */
  label?: string;
  /** Levels open at first. @default 2 */
  defaultOpenDepth?: number;
  /** Strings longer than this fold behind "Show more". @default 400 */
  foldAt?: number;
}

// Long arrays (embeddings, 5,000 rows) would make the DOM huge: show them in pages.
const PAGE = 100;

function Scalar({ value, foldAt }: { value: JsonValue | undefined; foldAt: number }) {
  if (typeof value === 'string') {
    return (
      <span className="vd-json__string">
        “<FoldedText text={value} limit={foldAt} />”
      </span>
    );
  }
  const text = value === undefined ? 'undefined' : JSON.stringify(value);
  return <span className={`vd-json__${value === null ? 'null' : typeof value}`}>{text}</span>;
}

function Branch({ name, value, depth, openDepth, foldAt }: { name: string | undefined; value: JsonValue; depth: number; openDepth: number; foldAt: number }) {
  const [shown, setShown] = useState(PAGE);
  const isArray = Array.isArray(value);
  const entries: [string, JsonValue][] = isArray ? value.map((item, index) => [String(index), item]) : Object.entries(value as Record<string, JsonValue>);
  const summary = isArray ? `[${entries.length}]` : `{${entries.length}}`;
  return (
    <details className="vd-json__branch" open={depth < openDepth}>
      <summary>
        {name !== undefined && <span className="vd-json__key">{name}</span>}
        <span className="vd-json__summary">{summary}</span>
      </summary>
      <ul className="vd-json__children">
        {entries.slice(0, shown).map(([key, child]) => (
          <li key={key}>
            <Node name={key} value={child} depth={depth + 1} openDepth={openDepth} foldAt={foldAt} />
          </li>
        ))}
      </ul>
      {entries.length > shown && (
        <button type="button" className="vd-link-button" onClick={() => setShown(shown + PAGE)}>
          Show {Math.min(PAGE, entries.length - shown)} more of {entries.length - shown}
        </button>
      )}
    </details>
  );
}

function Node({ name, value, depth, openDepth, foldAt }: { name: string | undefined; value: JsonValue | undefined; depth: number; openDepth: number; foldAt: number }) {
  if (value !== null && typeof value === 'object' && (Array.isArray(value) ? value.length > 0 : Object.keys(value).length > 0)) {
    return <Branch name={name} value={value} depth={depth} openDepth={openDepth} foldAt={foldAt} />;
  }
  const empty = Array.isArray(value) ? '[]' : value !== null && typeof value === 'object' ? '{}' : undefined;
  return (
    <span className="vd-json__leaf">
      {name !== undefined && <span className="vd-json__key">{name}</span>}
      {empty !== undefined ? <span className="vd-json__summary">{empty}</span> : <Scalar value={value} foldAt={foldAt} />}
    </span>
  );
}

/**
 * Any JSON value as a collapsible tree (`<details>`, so it opens with the keyboard and needs no
 * script), every key and value rendered as text.
 * @example <JsonTree value={span.attributes} label="Attributes" />
 */
export function JsonTree({ value, label, defaultOpenDepth = 2, foldAt = 400 }: JsonTreeProps) {
  return (
    <div className="vd-json" role="group" aria-label={label}>
      <Node name={undefined} value={value} depth={0} openDepth={defaultOpenDepth} foldAt={foldAt} />
    </div>
  );
}
