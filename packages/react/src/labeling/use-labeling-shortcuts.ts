import { useEffect, useRef } from 'react';
import type { RefObject } from 'react';

/** What the labeling keys do; each returns nothing and may be async. */
export interface LabelingShortcutHandlers {
  next(): void;
  previous(): void;
  /** Digit `n` (1–9) pressed. */
  pick(n: number): void;
  submit(): void;
  skip(): void;
  help(): void;
}

const TYPING_INPUTS = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date', 'datetime-local', 'month', 'time', 'week']);

/**
 * True when keys typed at `target` are text (so `j`, `s` or `3` must stay letters): textareas,
 * selects, editable content and text-like inputs. Radio buttons and checkboxes are not typing.
 * @example isTyping(document.activeElement)
 */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && TYPING_INPUTS.has(target.type);
}

/**
 * The labeling queue's keyboard: `j`/`k` next/previous, `1`–`9` pick an option, `s` skip, `?`
 * help, and `Ctrl`/`⌘`+`Enter` submit. Keys count when focus is inside `scope` or on the page
 * body; letters and digits are ignored while typing in a text field (Ctrl/⌘+Enter is not), and
 * everything is ignored while `paused` (a dialog is open) or when another handler took the key.
 * @example useLabelingShortcuts(rootRef, { next, previous, pick, submit, skip, help }, dialogOpen)
 */
export function useLabelingShortcuts(scope: RefObject<HTMLElement | null>, handlers: LabelingShortcutHandlers, paused = false): void {
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => {
    if (paused) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.isComposing) return;
      const target = event.target;
      const inside = target === document.body || target === document.documentElement || (target instanceof Node && scope.current?.contains(target) === true);
      if (!inside) return;
      const act = (handler: () => void) => {
        event.preventDefault();
        handler();
      };
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) return act(latest.current.submit);
      if (event.ctrlKey || event.metaKey || isTyping(target)) return;
      if (event.key === 'j') return act(latest.current.next);
      if (event.key === 'k') return act(latest.current.previous);
      if (event.key === 's') return act(latest.current.skip);
      if (event.key === '?') return act(latest.current.help);
      if (/^[1-9]$/.test(event.key)) return act(() => latest.current.pick(Number(event.key)));
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [scope, paused]);
}
