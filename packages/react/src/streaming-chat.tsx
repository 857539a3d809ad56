import type { ChatControllerMessage, VerdictClient } from '@verdict/core';
import { forwardRef, useId, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent, ReactNode } from 'react';
import { ChatMessage } from './chat-message';
import type { FeedbackButtonsProps } from './feedback-buttons';
import { useImplicitFeedback } from './use-implicit-feedback';
import { useStreamingChat } from './use-streaming-chat';

/** Texts of {@link StreamingChat}. */
export interface StreamingChatLabels {
  /** @default 'Message' */ input: string;
  /** @default 'Send' */ send: string;
  /** @default 'Stop' */ stop: string;
  /** @default 'Generating answer…' */ streaming: string;
  /** @default 'Conversation' */ conversation: string;
  /** @default 'Copy' */ copy: string;
  /** @default 'Regenerate' */ regenerate: string;
  /** @default 'Edit' */ edit: string;
  /** @default 'Editing your message' */ editing: string;
  /** @default 'Cancel edit' */ cancelEdit: string;
}

const DEFAULT_LABELS: StreamingChatLabels = {
  input: 'Message',
  send: 'Send',
  stop: 'Stop',
  streaming: 'Generating answer…',
  conversation: 'Conversation',
  copy: 'Copy',
  regenerate: 'Regenerate',
  edit: 'Edit',
  editing: 'Editing your message',
  cancelEdit: 'Cancel edit',
};

/** Props of {@link StreamingChat}. Without `client` or `baseUrl`, the provider's client is used. */
export interface StreamingChatProps {
  client?: VerdictClient;
  baseUrl?: string;
  /** @default '/chat/stream' */
  path?: string;
  /** Who rates the answers. */
  userId?: string;
  labels?: Partial<StreamingChatLabels>;
  placeholder?: string;
  /** Extra props of every answer's `FeedbackButtons` (e.g. `labels`, `variant`). */
  feedback?: Omit<FeedbackButtonsProps, 'traceId' | 'feedbackToken' | 'client' | 'baseUrl' | 'userId'>;
  /**
   * Logs what users do with answers as feedback: copying (`implicit_copy`), regenerating
   * (`implicit_regenerate`), editing the question and resending (`implicit_edit`, on the answer
   * it replaced) and stopping early (`implicit_stop`). @default false
   */
  implicitFeedback?: boolean;
  /**
   * Renders extra content under each finished answer, e.g. a link to its trace.
   * @example renderAnswerFooter={(answer) => answer.trace_id && <a href={`#/traces/${answer.trace_id}`}>View trace</a>}
   */
  renderAnswerFooter?: (answer: ChatControllerMessage) => ReactNode;
  className?: string;
}

/**
 * A complete streaming chat: the conversation, a message box (Enter sends, Shift+Enter starts a
 * new line), Stop while answering, a polite live status, errors as alerts, and feedback under
 * each finished answer. Classes `vd-chat*`; `data-state` is the chat status.
 * @example <VerdictProvider baseUrl="/api"><StreamingChat userId={user.id} /></VerdictProvider>
 */
export const StreamingChat = /* @__PURE__ */ forwardRef<HTMLElement, StreamingChatProps>(function StreamingChat(props, ref) {
  const { client, baseUrl, path, userId, placeholder, feedback, implicitFeedback = false, renderAnswerFooter, className } = props;
  const labels = { ...DEFAULT_LABELS, ...props.labels };
  const chat = useStreamingChat({ client, baseUrl, path });
  const implicit = useImplicitFeedback({ client, baseUrl, userId, enabled: implicitFeedback });
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const inputId = useId();
  const { messages } = chat;
  const lastAnswer = messages.at(-1)?.role === 'assistant' ? messages.at(-1) : undefined;

  function submit(event?: FormEvent): void {
    event?.preventDefault();
    if (chat.isStreaming || draft.trim() === '') return;
    if (editing === null) {
      void chat.send(draft);
    } else {
      const index = messages.findIndex((message) => message.id === editing);
      const replaced = messages[index + 1];
      if (replaced?.trace_id !== undefined) implicit.log('implicit_edit', replaced.trace_id, replaced.feedback_token ?? null);
      void chat.edit(editing, draft);
      setEditing(null);
    }
    setDraft('');
  }
  function startEdit(id: string, content: string): void {
    setEditing(id);
    setDraft(content);
    input.current?.focus();
  }
  function regenerate(): void {
    if (lastAnswer?.trace_id !== undefined) implicit.log('implicit_regenerate', lastAnswer.trace_id, lastAnswer.feedback_token ?? null);
    void chat.regenerate();
  }
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void {
    // Enter while composing (IME) confirms the composition; it must not send.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event);
  }
  function stop(): void {
    chat.stop();
    if (chat.traceId !== null) implicit.log('implicit_stop', chat.traceId, chat.feedbackToken, { partial_length: String(chat.streamingContent.length) });
  }

  const connection = { client, baseUrl, userId };
  return (
    <section ref={ref} className={['vd-chat', className].filter(Boolean).join(' ')} data-state={chat.status} aria-label={labels.conversation}>
      <ol className="vd-chat__messages">
        {messages.map((message) => (
          <ChatMessage
            key={message.id}
            message={message}
            labels={labels}
            feedback={{ ...feedback, ...connection }}
            {...(message === lastAnswer && !chat.isStreaming ? { onRegenerate: regenerate } : {})}
            {...(message.role === 'user' && !chat.isStreaming ? { onEdit: () => startEdit(message.id, message.content) } : {})}
            onCopy={() => message.trace_id !== undefined && implicit.log('implicit_copy', message.trace_id, message.feedback_token ?? null)}
            {...(renderAnswerFooter !== undefined && message.role === 'assistant' ? { footer: renderAnswerFooter(message) } : {})}
          />
        ))}
        {chat.isStreaming && (
          <li className="vd-message vd-message--assistant" data-role="assistant" data-state="streaming">
            <div className="vd-message__content">{chat.streamingContent}</div>
          </li>
        )}
      </ol>
      <p aria-live="polite" className="vd-chat__status">
        {chat.isStreaming ? labels.streaming : ''}
      </p>
      {chat.error !== null && (
        <p role="alert" className="vd-chat__error">
          {chat.error}
        </p>
      )}
      {editing !== null && (
        <p className="vd-chat__editing">
          {labels.editing}{' '}
          <button type="button" className="vd-button vd-button--ghost" onClick={() => (setEditing(null), setDraft(''))}>
            {labels.cancelEdit}
          </button>
        </p>
      )}
      <form className="vd-chat__form" onSubmit={submit}>
        <label htmlFor={inputId} className="vd-visually-hidden">
          {labels.input}
        </label>
        <textarea
          ref={input}
          id={inputId}
          className="vd-chat__input"
          rows={2}
          value={draft}
          placeholder={placeholder}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" className="vd-button vd-button--primary" disabled={chat.isStreaming || draft.trim() === ''}>
          {labels.send}
        </button>
        {chat.isStreaming && (
          <button type="button" className="vd-button" onClick={stop}>
            {labels.stop}
          </button>
        )}
      </form>
    </section>
  );
});
