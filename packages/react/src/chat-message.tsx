import type { ChatControllerMessage } from '@verdict/core';
import { forwardRef } from 'react';
import type { HTMLAttributes, ReactNode } from 'react';
import { FeedbackButtons } from './feedback-buttons';
import type { FeedbackButtonsProps } from './feedback-buttons';

/** Props of {@link ChatMessage}. */
export interface ChatMessageProps extends HTMLAttributes<HTMLLIElement> {
  message: ChatControllerMessage;
  /** Props for the answer's `FeedbackButtons`; null hides them. */
  feedback?: Omit<FeedbackButtonsProps, 'traceId' | 'feedbackToken'> | null;
  /** Called after the answer was copied with its Copy button (for implicit feedback). */
  onCopy?: () => void;
  /** Shows a Regenerate button (on the last answer). */
  onRegenerate?: () => void;
  /** Shows an Edit button (on the user's turns). */
  onEdit?: () => void;
  /** Texts of the action buttons. */
  labels?: { copy?: string; regenerate?: string; edit?: string };
  /** Rendered under a finished answer's actions (e.g. a "view trace" link); not under the user's turns. */
  footer?: ReactNode;
}

/**
 * One turn of a chat: its text (always rendered as text, never as HTML), and under a finished
 * answer a Copy button and `FeedbackButtons`, enabled once the answer has its trace id.
 * `data-role` and `data-state` (the message status) for styling.
 * @example <ChatMessage message={message} feedback={{ userId }} />
 */
export const ChatMessage = /* @__PURE__ */ forwardRef<HTMLLIElement, ChatMessageProps>(function ChatMessage(props, ref) {
  const { message, feedback = {}, onCopy, onRegenerate, onEdit, labels = {}, footer, className, ...rest } = props;
  const assistant = message.role === 'assistant';
  async function copy(): Promise<void> {
    // No clipboard (insecure context) or a refused permission: nothing was copied, so nothing is logged.
    const clipboard = (navigator as Partial<Navigator>).clipboard;
    if (clipboard === undefined) return;
    try {
      await clipboard.writeText(message.content);
    } catch {
      return;
    }
    onCopy?.();
  }
  return (
    <li
      ref={ref}
      className={['vd-message', `vd-message--${message.role}`, className].filter(Boolean).join(' ')}
      data-role={message.role}
      data-state={message.status}
      {...rest}
    >
      <div className="vd-message__content">{message.content}</div>
      {assistant && (
        <div className="vd-message__actions">
          <button type="button" className="vd-button vd-button--ghost" onClick={() => void copy()}>
            {labels.copy ?? 'Copy'}
          </button>
          {onRegenerate !== undefined && (
            <button type="button" className="vd-button vd-button--ghost" onClick={onRegenerate}>
              {labels.regenerate ?? 'Regenerate'}
            </button>
          )}
          {feedback !== null && <FeedbackButtons {...feedback} traceId={message.trace_id ?? null} feedbackToken={message.feedback_token ?? null} />}
        </div>
      )}
      {assistant && footer !== undefined && footer !== null && <div className="vd-message__footer">{footer}</div>}
      {!assistant && onEdit !== undefined && (
        <div className="vd-message__actions">
          <button type="button" className="vd-button vd-button--ghost" onClick={onEdit}>
            {labels.edit ?? 'Edit'}
          </button>
        </div>
      )}
    </li>
  );
});
