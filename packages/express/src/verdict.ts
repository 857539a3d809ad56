import type { Assessment, EvalRun, SearchTracesParams, SearchTracesResponse, Trace } from '@verdict/core';
import express from 'express';
import type { RequestHandler, Router } from 'express';
import { createAssessmentService } from './assessment-service';
import type { LogAssessmentInput } from './assessment-service';
import { createChatHandler } from './chat-handler';
import type { ChatHandlerFunction, ChatHandlerOptions } from './chat-handler';
import { signFeedbackToken } from './feedback-token';
import { createStreamHandler } from './stream/stream-handler';
import type { StreamHandlerFunction, StreamHandlerOptions } from './stream/stream-handler';
import { mountAssessmentRoutes } from './router/assessment-routes';
import { createJsonBodyReader } from './router/body-parsing';
import { createErrorHandler } from './router/error-handler';
import { mountFeedbackRoutes } from './router/feedback-routes';
import { createRateLimit, withRateLimit } from './router/rate-limit';
import type { RouteContext } from './router/route-context';
import { mountTraceRoutes } from './router/trace-routes';
import { mountSummaryRoutes } from './router/summary-routes';
import { mountDatasetRoutes } from './router/dataset-routes';
import { mountLabelSchemaRoutes } from './router/label-schema-routes';
import { mountLabelingRoutes } from './router/labeling-routes';
import { mountTraceAccess } from './router/trace-access';
import { createAuthorizer } from './review/authorize';
import { mountEvaluationRoutes } from './router/evaluation-routes';
import { createEvalRunManager } from './evaluation/eval-run-manager';
import { createScorerRegistry } from './evaluation/scorer-registry';
import { runEvaluation } from './evaluation/evaluate';
import type { EvaluateOptions } from './evaluation/evaluate';
import { createDatasetService } from './review/dataset-service';
import { createLabelSchemaService } from './review/label-schema-service';
import { createLabelingService } from './review/labeling-service';
import { createTraceWriter, runWithTraceWriter, trace, withSpan } from './tracing';
import { applyRedact } from './redact/redact-hook';
import { redactingStore } from './redact/redacting-store';
import { redactEach, walkEvalRun } from './redact/redact-records';
import { resolveVerdictOptions } from './verdict-options';
import type { VerdictOptions } from './verdict-options';

/** One Verdict instance: its router, its chat handler factory and its programmatic API. */
export interface Verdict {
  /**
   * The routes (`/feedback`, `/detailed-feedback`, `/feedback/summary`, `/traces`, `/traces/:trace_id`,
   * `/traces/:trace_id/assessments[/:assessment_id]`; review and datasets: `/label-schemas`,
   * `/labeling-sessions` and their items, `/datasets` and their records, guarded by the
   * `authorize` hook), with their own JSON parsing and error
   * handler. Per-request state is under `res.locals.verdict` (see `VerdictLocals`). The router
   * needs no global body parser; a body one already read is checked the same way, but that
   * parser's own errors (malformed JSON, size) are answered by the host's error handling.
   * `/feedback` and `/detailed-feedback` are rate limited per client (`rateLimit`).
   */
  router: Router;
  /**
   * An Express handler answering `{ message, messages? }` with `{ response, trace_id,
   * feedback_token }`, running `fn` inside a traced `chat` root span. Rate limited per client
   * together with the feedback routes (`rateLimit`), before the body is read.
   * @example app.post('/api/chat', v.chatHandler(async ({ message, signal }) => llm(message, { signal })))
   */
  chatHandler(fn: ChatHandlerFunction, options?: ChatHandlerOptions): RequestHandler;
  /**
   * An Express handler streaming the answer to `{ message, messages? }` as server-sent events:
   * `start` (`trace_id`, `message_id`, `feedback_token`), `token`s, then one `done` or `error`.
   * `fn` runs inside a traced `chat` root span and returns an async iterable of text tokens or an
   * OpenAI stream; a client that disconnects aborts `signal` and keeps the partial answer rateable.
   * `{ protocol: 'ai-sdk' }` speaks the Vercel AI SDK UI message stream instead, for `useChat`.
   * @example v.router.post('/chat/stream', v.streamHandler(({ message, signal }) => openai.chat.completions.create({ model, messages: [{ role: 'user', content: message }], stream: true }, { signal })))
   */
  streamHandler(fn: StreamHandlerFunction, options?: StreamHandlerOptions): RequestHandler;
  /**
   * Logs a feedback (same validation as `POST /feedback`; `source` defaults to HUMAN `'anonymous'`).
   * @example await v.logFeedback({ trace_id, name: 'resolved', value: true, source: { source_type: 'CODE', source_id: 'ticket-sync' } })
   */
  logFeedback(input: LogAssessmentInput): Promise<Assessment>;
  /**
   * Logs an expectation (ground truth) on a trace or one of its spans.
   * @example await v.logExpectation({ trace_id, name: 'expected_answer', value: 'Paris' })
   */
  logExpectation(input: LogAssessmentInput): Promise<Assessment>;
  /**
   * A trace with spans and assessments, or null; waits for this instance's pending write of it.
   * @example const trace = await v.getTrace(traceId)
   */
  getTrace(traceId: string): Promise<Trace | null>;
  /**
   * One page of trace infos.
   * @example const { traces } = await v.searchTraces({ assessment_name: 'user_feedback', assessment_value: 'false' })
   */
  searchTraces(params?: SearchTracesParams): Promise<SearchTracesResponse>;
  /**
   * `trace()` whose traces go to this instance's store.
   * @example const answer = v.trace(async (question: string) => llm(question), { name: 'answer' })
   */
  trace: typeof trace;
  /**
   * `withSpan()` whose traces go to this instance's store.
   * @example await v.withSpan({ name: 'nightly-eval', spanType: 'CHAIN' }, () => runEval())
   */
  withSpan: typeof withSpan;
  /**
   * A feedback token for `traceId` (valid for `feedbackTokenTtlMs`), or undefined when no
   * `feedbackSecret` is set (then feedback needs none). For hosts that answer without `chatHandler`.
   * @example res.json({ response, trace_id, feedback_token: v.signFeedbackToken(trace_id) })
   */
  signFeedbackToken(traceId: string): string | undefined;
  /**
   * Waits until every trace finished so far is in the store (before shutdown, or in tests).
   * @example await v.flush()
   */
  flush(): Promise<void>;
  /**
   * `evaluate()` over this instance's store and trace writer, with its `judge` unless the options
   * name another: the run's traces and scores land where the UI reads them. The run is not
   * listed under `/evaluations` (start it with `POST /evaluations` for that).
   * @example const run = await v.evaluate({ data: 'golden', predictFn: answer, scorers: [exactMatch()] })
   */
  evaluate(options: Omit<EvaluateOptions, 'store'>): Promise<EvalRun>;
}

/**
 * Creates a Verdict instance over a store. Options are checked here, once; a mistake throws an
 * `INVALID_ARGUMENT` VerdictError saying how to fix it. Nothing happens at import time.
 * @example
 * const v = verdict({ store: memoryStore(), feedbackSecret: process.env.VERDICT_SECRET });
 * v.router.post('/chat', v.chatHandler(({ message }) => answer(message)));
 * app.use('/api', v.router);
 */
export function verdict(options: VerdictOptions): Verdict {
  const resolved = resolveVerdictOptions(options);
  const { feedbackSecret, feedbackTokenTtlMs, bodyLimitBytes, onError, authorize, claimTtlMs, apps, scorers, judge, redact, rateLimit } = resolved;
  // Wrapped once, here: every service, route and the trace writer below writes through it, so
  // redaction has no side door.
  const store = redact === undefined ? resolved.store : redactingStore(resolved.store, redact);
  // Without a host hook the writer keeps its own default, which logs each kind of failure once.
  const writer = createTraceWriter(store, onError === undefined ? {} : { onError: (error) => onError(error) });
  const reportError = onError ?? ((error: unknown) => console.error('[verdict] unexpected error behind a 500 response:', error));
  const service = createAssessmentService(store, (traceId) => writer.whenWritten(traceId));
  const readBody = createJsonBodyReader(bodyLimitBytes);
  const signToken = (traceId: string): string | undefined =>
    feedbackSecret === undefined ? undefined : signFeedbackToken(feedbackSecret, traceId, feedbackTokenTtlMs);

  const router = express.Router();
  const context: RouteContext = { service, readBody, feedbackSecret };
  // Review, datasets, evaluation and the developer routes: the authorizer resolves each caller
  // (res.locals.verdict.user). The guards come first so they run before the routes they guard.
  const authorizer = createAuthorizer(authorize);
  mountTraceAccess(router, { authorizer, store });
  // Before the feedback routes, so `/feedback/summary` is never read as anything else.
  mountSummaryRoutes(router, store);
  // One limit per client over the end-user routes and the chat handlers: they are the public ones.
  const limit = rateLimit === false ? undefined : createRateLimit(rateLimit, { onError: reportError });
  // After the summary route, which is a developer route and never reaches this line.
  if (limit !== undefined) router.all(['/feedback', '/detailed-feedback'], limit);
  mountFeedbackRoutes(router, context);
  // Upserts match records by inputs; stored inputs are redacted, so new ones are compared redacted.
  const datasets = createDatasetService(store, Date.now, redact === undefined ? undefined : (inputs) => applyRedact(redact, inputs, { kind: 'dataset_inputs', path: ['inputs'] }));
  const labelSchemas = createLabelSchemaService(store);
  const labeling = createLabelingService({
    store,
    labelSchemas,
    datasets,
    getTrace: (traceId) => service.getTrace(traceId),
    searchTraces: (params) => service.searchTraces(params),
    claimTtlMs,
    // A session's `agent` names one of the evaluation apps; its runs are traced like the app's own.
    agents: { apps, writer },
  });
  mountTraceRoutes(router, context);
  mountAssessmentRoutes(router, context);
  mountLabelSchemaRoutes(router, { authorizer, readBody, labelSchemas });
  mountLabelingRoutes(router, { authorizer, readBody, labeling });
  mountDatasetRoutes(router, { authorizer, readBody, datasets });
  const evaluations = createEvalRunManager({
    store, writer, scorers: createScorerRegistry(scorers), apps, judge, onError: reportError,
    // A live run is shown as the store will hold it, so redaction has no side door there either.
    ...(redact === undefined ? {} : { present: (run: EvalRun) => walkEvalRun(redactEach(redact), run) }),
  });
  mountEvaluationRoutes(router, { store, runs: evaluations, readBody, authorizer });
  router.use(createErrorHandler(reportError));

  const boundTrace = ((fn: (...args: never[]) => unknown, traceOptions?: Parameters<typeof trace>[1]) => {
    const traced = trace(fn, traceOptions) as (...args: unknown[]) => unknown;
    const bound = function (this: unknown, ...args: unknown[]) {
      return runWithTraceWriter(writer, () => traced.apply(this, args));
    };
    Object.defineProperty(bound, 'name', { value: fn.name, configurable: true });
    return bound;
  }) as typeof trace;

  const boundWithSpan = ((spanOptions: Parameters<typeof withSpan>[0], fn: Parameters<typeof withSpan>[1]) =>
    runWithTraceWriter(writer, () => withSpan(spanOptions, fn))) as typeof withSpan;

  const handlerDeps = { writer, readBody, signFeedbackToken: signToken, onError: reportError };
  return {
    router,
    chatHandler: (fn, handlerOptions) => withRateLimit(limit, createChatHandler(handlerDeps, fn, handlerOptions)),
    streamHandler: (fn, handlerOptions) => withRateLimit(limit, createStreamHandler(handlerDeps, fn, handlerOptions)),
    logFeedback: (input) => service.logFeedback(input),
    logExpectation: (input) => service.logExpectation(input),
    getTrace: (traceId) => service.getTrace(traceId),
    searchTraces: (params) => service.searchTraces(params),
    trace: boundTrace,
    withSpan: boundWithSpan,
    signFeedbackToken: signToken,
    flush: () => writer.flush(),
    evaluate: (evaluateOptions) =>
      runEvaluation({ ...(judge === undefined ? {} : { judge }), ...evaluateOptions }, { store, writer, onError: reportError }),
  };
}
