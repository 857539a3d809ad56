// Zod-free on purpose (the widget's bundle): answers are checked by the guards in shape-guards.ts.
import { queryOf, requestGuarded, requestVoid, withSignal } from './send';
import type { Transport } from './send';
import { isFeedbackResponse, isMyFeedbackResponse } from './shape-guards';
import type { ClientOptions, VerdictClient } from './verdict-client';

/** The end-user feedback calls of {@link VerdictClient}: what a feedback widget needs, and no more. */
export type FeedbackClient = Pick<VerdictClient, 'sendFeedback' | 'logFeedback' | 'sendDetailedFeedback' | 'getMyFeedback' | 'deleteFeedback'>;

/**
 * A client of the end-user feedback routes only. `createClient` includes the same calls; this
 * one exists so a feedback widget's browser bundle does not carry the trace and search schemas.
 * @example
 * const feedback = createFeedbackClient({ baseUrl: '/api' });
 * await feedback.sendFeedback({ trace_id, is_correct: false, comment: 'outdated', feedback_token }, { idempotencyKey: crypto.randomUUID() });
 */
export function createFeedbackClient(options: ClientOptions): FeedbackClient {
  const transport: Transport = { baseUrl: options.baseUrl, fetch: options.fetch, headers: options.headers };
  return {
    sendFeedback: ({ trace_id, user_id, is_correct, comment, feedback_token }, callOptions) =>
      requestGuarded(
        transport,
        withSignal(
          { method: 'POST', path: '/feedback', query: queryOf({ trace_id, user_id }), body: { is_correct, comment, feedback_token } },
          callOptions,
        ),
        isFeedbackResponse,
      ),

    logFeedback: (input, callOptions) =>
      requestGuarded(transport, withSignal({ method: 'POST', path: '/feedback', body: input }, callOptions), isFeedbackResponse),

    sendDetailedFeedback: (input, callOptions) =>
      requestGuarded(
        transport,
        withSignal({ method: 'POST', path: '/detailed-feedback', query: queryOf({ ...input }) }, callOptions),
        isFeedbackResponse,
      ),

    getMyFeedback: ({ trace_id, user_id, feedback_token }, callOptions) =>
      requestGuarded(
        transport,
        withSignal({ method: 'GET', path: '/feedback', query: queryOf({ trace_id, user_id, feedback_token }) }, callOptions),
        isMyFeedbackResponse,
      ),

    deleteFeedback: ({ trace_id, user_id, name, feedback_token }, callOptions) =>
      requestVoid(transport, withSignal({ method: 'DELETE', path: '/feedback', query: queryOf({ trace_id, user_id, name, feedback_token }) }, callOptions)),
  };
}
