import type { TokenCounts, TranscriptMessage } from './chat-messages';
import { FoldedText } from './folded-text';

/** Props of {@link ChatTranscript}. */
export interface ChatTranscriptProps {
  messages: readonly TranscriptMessage[];
  usage?: TokenCounts | null;
  className?: string;
}

/**
 * A chat model call as a transcript (one bubble per message, role first, tool calls listed) and
 * its token usage. Content is rendered as text.
 * @example const messages = chatTranscript(span); messages && <ChatTranscript messages={messages} usage={tokenCounts(span)} />
 */
export function ChatTranscript({ messages, usage, className }: ChatTranscriptProps) {
  return (
    <div className={['vd-transcript', className].filter(Boolean).join(' ')}>
      <ol className="vd-transcript__messages" aria-label="Chat transcript">
        {messages.map((message, index) => (
          <li key={index} className="vd-transcript__message" data-role={message.role}>
            <span className="vd-transcript__role">{message.role}</span>
            {message.content !== '' && (
              <p className="vd-transcript__content">
                <FoldedText text={message.content} limit={600} />
              </p>
            )}
            {message.toolCalls.length > 0 && (
              <ul className="vd-transcript__tools" aria-label="Tool calls">
                {message.toolCalls.map((call, callIndex) => (
                  <li key={callIndex}>
                    <code>{call}</code>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {usage != null && <h4 className="vd-usage__title">Token usage</h4>}
      {usage != null && (
        <dl className="vd-usage">
          {usage.input_tokens !== undefined && (
            <div>
              <dt>Input tokens</dt>
              <dd>{usage.input_tokens}</dd>
            </div>
          )}
          {usage.output_tokens !== undefined && (
            <div>
              <dt>Output tokens</dt>
              <dd>{usage.output_tokens}</dd>
            </div>
          )}
          {usage.total_tokens !== undefined && (
            <div>
              <dt>Total tokens</dt>
              <dd>{usage.total_tokens}</dd>
            </div>
          )}
        </dl>
      )}
    </div>
  );
}
