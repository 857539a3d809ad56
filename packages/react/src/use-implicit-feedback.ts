import { newIdempotencyKey, useOptionalFeedbackClient } from './use-feedback-client';
import type { FeedbackConnectionProps } from './use-feedback-client';

/** The implicit signals Verdict logs (each counts; none overrides another). */
export type ImplicitFeedbackName = 'implicit_copy' | 'implicit_regenerate' | 'implicit_edit' | 'implicit_stop';

/** Options of {@link useImplicitFeedback}. */
export interface UseImplicitFeedbackOptions extends FeedbackConnectionProps {
  /** Who acted; each signal is logged as this user's HUMAN feedback. */
  userId?: string;
  /** Off by default: implicit signals are logged only when the host opts in. */
  enabled: boolean;
}

/**
 * Logs what users do with an answer as feedback: `POST /feedback` general form, value `true`,
 * `metadata.kind = "implicit"`. Fire and forget: a lost signal must never disturb the chat.
 * @example const implicit = useImplicitFeedback({ enabled: true }); implicit.log('implicit_copy', traceId, token);
 */
export function useImplicitFeedback(options: UseImplicitFeedbackOptions): {
  /** Logs one signal on the answer's trace (nothing when disabled or without a client). */
  log(name: ImplicitFeedbackName, traceId: string, feedbackToken: string | null, metadata?: Record<string, string>): void;
} {
  const { client, baseUrl, userId, enabled } = options;
  const chosen = useOptionalFeedbackClient({ client, baseUrl });
  return {
    log(name: ImplicitFeedbackName, traceId: string, feedbackToken: string | null, metadata: Record<string, string> = {}): void {
      if (!enabled || chosen === null) return;
      const input = { trace_id: traceId, name, value: true, metadata: { ...metadata, kind: 'implicit' }, user_id: userId, feedback_token: feedbackToken ?? undefined };
      chosen.logFeedback(input, { idempotencyKey: newIdempotencyKey() }).catch(() => undefined);
    },
  };
}
