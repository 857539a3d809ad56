import {
  CompareEvaluationsResponseSchema,
  EvalAgreementResponseSchema,
  EvalEventSchema,
  EvalRunSchema,
  ListEvaluationsResponseSchema,
  StartEvaluationResponseSchema,
} from '../schemas/evaluation';
import type {
  CompareEvaluationsResponse,
  EvalAgreementQuery,
  EvalAgreementResponse,
  EvalEvent,
  EvalRun,
  ListEvaluationsResponse,
  StartEvaluationBody,
  StartEvaluationResponse,
} from '../schemas/evaluation';
import { parseSseStream } from '../stream/sse';
import type { SseParserOptions } from '../stream/sse';
import { requestJson, send, withSignal } from './http';
import type { Transport } from './http';
import type { ClientOptions, RequestOptions } from './verdict-client';

/** Per-call options of {@link EvaluationClient.evaluationEvents}. */
export interface EvaluationEventsOptions extends RequestOptions {
  /** Told about events skipped as invalid (the stream goes on). */
  onInvalid?: SseParserOptions<EvalEvent>['onInvalid'];
}

/**
 * A typed client of the evaluation routes. Separate from `createClient` so a chat page's bundle
 * does not carry the evaluation schemas.
 */
export interface EvaluationClient {
  /**
   * Starts a run in the background and answers with its id at once.
   * @example const { evaluation_id } = await evals.startEvaluation({ dataset: 'golden', app: 'v2', scorers: ['correctness'] })
   */
  startEvaluation(body: StartEvaluationBody, options?: RequestOptions): Promise<StartEvaluationResponse>;
  /** A run with its rows, progress and aggregates. */
  getEvaluation(evaluationId: string, options?: RequestOptions): Promise<EvalRun>;
  /** Every run, without rows, newest first. */
  listEvaluations(options?: RequestOptions): Promise<ListEvaluationsResponse>;
  /** Stops scheduling rows; the run ends `cancelled`. Cancelling a finished run changes nothing. */
  cancelEvaluation(evaluationId: string, options?: RequestOptions): Promise<EvalRun>;
  /** Per-scorer and per-row deltas between two runs (rows matched by their inputs). */
  compareEvaluations(base: string, candidate: string, options?: RequestOptions): Promise<CompareEvaluationsResponse>;
  /** Cohen's kappa and the confusion matrix of a scorer against a human label schema, on the run's traces. */
  getAgreement(evaluationId: string, query: EvalAgreementQuery, options?: RequestOptions): Promise<EvalAgreementResponse>;
  /**
   * The run's live events (`GET /evaluations/:id/events`): first its current state (each `row`
   * done so far, then `progress`), then live events, ending with `finished`. Aborting `signal`
   * (or leaving the loop) closes the stream.
   * @example for await (const event of evals.evaluationEvents(id, { signal })) if (event.type === 'progress') show(event.progress);
   */
  evaluationEvents(evaluationId: string, options?: EvaluationEventsOptions): AsyncGenerator<EvalEvent, void, undefined>;
}

const segment = encodeURIComponent;

/**
 * Creates an {@link EvaluationClient}. Answers are checked with the core schemas; failures throw `HttpError`.
 * @example
 * const evals = createEvaluationClient({ baseUrl: '/api' });
 * const { evaluation_id } = await evals.startEvaluation({ dataset: 'golden', scorers: ['exact_match'] });
 */
export function createEvaluationClient(options: ClientOptions): EvaluationClient {
  const transport: Transport = { baseUrl: options.baseUrl, fetch: options.fetch, headers: options.headers };
  const run = (id: string) => `/evaluations/${segment(id)}`;

  return {
    startEvaluation: (body, o) => requestJson(transport, withSignal({ method: 'POST', path: '/evaluations', body }, o), StartEvaluationResponseSchema),
    getEvaluation: (id, o) => requestJson(transport, withSignal({ method: 'GET', path: run(id) }, o), EvalRunSchema),
    listEvaluations: (o) => requestJson(transport, withSignal({ method: 'GET', path: '/evaluations' }, o), ListEvaluationsResponseSchema),
    cancelEvaluation: (id, o) => requestJson(transport, withSignal({ method: 'POST', path: `${run(id)}/cancel` }, o), EvalRunSchema),
    compareEvaluations: (base, candidate, o) =>
      requestJson(
        transport,
        withSignal({ method: 'GET', path: '/evaluations/compare', query: new URLSearchParams({ base, candidate }) }, o),
        CompareEvaluationsResponseSchema,
      ),
    getAgreement: (id, query, o) =>
      requestJson(
        transport,
        withSignal({ method: 'GET', path: `${run(id)}/agreement`, query: new URLSearchParams({ scorer: query.scorer, label_schema: query.label_schema }) }, o),
        EvalAgreementResponseSchema,
      ),
    async *evaluationEvents(id, o = {}) {
      const response = await send(transport, withSignal({ method: 'GET', path: `${run(id)}/events`, accept: 'text/event-stream' }, o));
      if (response.body === null) return;
      yield* parseSseStream<EvalEvent>(response.body, {
        schema: EvalEventSchema,
        ...(o.onInvalid === undefined ? {} : { onInvalid: o.onInvalid }),
      });
    },
  };
}
