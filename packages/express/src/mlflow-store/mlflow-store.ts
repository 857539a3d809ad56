import { AssessmentSchema, TraceSchema, VerdictError, parseOrThrow } from '@verdict/core';
import type { Assessment, DocumentCollection, EvalRun, Store, StoredDataset, StoredLabelingSession, Trace } from '@verdict/core';
import { createAssessment, deleteAssessment, getAssessment } from './assessment-ops';
import { sleep } from './backoff';
import { describeCapabilities, detectCapabilities } from './capabilities';
import type { MlflowCapabilities } from './capabilities';
import type { MlflowContext } from './context';
import { resolveExperiment } from './experiment';
import { mlflowDatasetCollection } from './dataset-collection';
import { mlflowCollection } from './document-collection';
import { labelSchemaTagCollection } from './label-schema-tags';
import { mirrorEvalRun } from './eval-run-metrics';
import { labelingSessionMirror } from './labeling-session-run';
import { MlflowHttpError, MlflowUnavailableError, createMlflowHttp } from './http-client';
import { parseMlflowStoreOptions } from './mlflow-store-options';
import type { MlflowStoreOptions } from './mlflow-store-options';
import { Outbox } from './outbox';
import type { OutboxEntry, OutboxOp } from './outbox';
import { getTrace, putTrace, searchTraces, summarizeTraces } from './trace-ops';

/** An {@link mlflowStore}: a `Store` plus what it found out about the server. */
export interface MlflowStore extends Store {
  /** The experiment traces go to ('' until MLflow was first reached). */
  readonly experimentId: string;
  /** What the server offers (detected at the first contact, normally at start). */
  readonly capabilities: Readonly<MlflowCapabilities>;
  /** Writes waiting in the outbox for MLflow to come back (0 without an outbox). */
  pendingWrites(): number;
  /** Resolves once the outbox is empty (or the store closes). */
  flush(): Promise<void>;
  /** Stops the replayer and closes the outbox; waiting writes stay on disk. Safe to call twice. */
  close(): Promise<void>;
}

// What `capabilities` says before the first successful contact.
const OFFLINE_CAPS: MlflowCapabilities = { version: 'unknown (not reached yet)', otlp: false, datasets: false, labelSchemas: false, reviewQueues: false };

/** Turns transport failures into Verdict's errors: unreachable → 503 STORE_UNAVAILABLE. */
function toVerdictError(error: unknown): unknown {
  if (VerdictError.isInstance(error)) return error;
  if (error instanceof MlflowUnavailableError) return new VerdictError('STORE_UNAVAILABLE', `${error.message}; MLflow is unreachable`, { cause: error });
  if (error instanceof MlflowHttpError) {
    const code = error.status === 401 ? 'UNAUTHENTICATED' : error.status === 403 ? 'PERMISSION_DENIED' : error.status === 429 ? 'RATE_LIMITED' : 'INTERNAL';
    return new VerdictError(code, error.message, { cause: error });
  }
  return error;
}

/**
 * A document write MLflow could not take: 503 `STORE_UNAVAILABLE` saying why it is not queued.
 * Other errors (NOT_FOUND, CONFLICT, a throwing mutator) pass through unchanged.
 */
function refuseDocumentWrite(collection: string, error: unknown): unknown {
  if (!VerdictError.isInstance(error) || error.code !== 'STORE_UNAVAILABLE') return error;
  return new VerdictError(
    'STORE_UNAVAILABLE',
    `${error.message}. ${collection} writes are not queued in the outbox: they read the current document and change it, ` +
      'which cannot be replayed safely later; try again once MLflow answers',
    { cause: error },
  );
}

async function guard<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toVerdictError(error);
  }
}

/**
 * A Verdict store on an MLflow tracking server (≥ 3.4 for OTLP spans; older servers or
 * FileStore backends fall back to `traces.json` uploads). Traces become MLflow traces (spans via
 * OTLP `/v1/traces`, info via StartTraceV3), assessments MLflow assessments; any number of app
 * replicas can share one server. With `outboxDir`, writes made while MLflow is unreachable are
 * kept on disk and replayed in order, exactly once, when it returns; reads then answer 503
 * `STORE_UNAVAILABLE` instead of partial data. See the README beside this file for what maps where.
 * @example
 * import { mlflowStore } from '@verdict/express/mlflow-store';
 * const store = await mlflowStore({ trackingUri: 'http://127.0.0.1:5000', experimentName: 'chat-app', outboxDir: '.verdict-outbox' });
 * app.use('/api', verdict({ store }).router);
 */
export async function mlflowStore(options: MlflowStoreOptions): Promise<MlflowStore> {
  const parsed = parseMlflowStoreOptions(options);
  const log = parsed.onLog ?? ((level: 'info' | 'warn', message: string) => (level === 'warn' ? console.warn(message) : console.info(message)));
  const uri = new URL(parsed.trackingUri);
  const basicAuth =
    parsed.username !== undefined
      ? { username: parsed.username, password: parsed.password ?? '' }
      : uri.username !== ''
        ? { username: decodeURIComponent(uri.username), password: decodeURIComponent(uri.password) }
        : undefined;
  // Credentials never stay in the base URL, so no message or log line can carry them.
  uri.username = '';
  uri.password = '';
  const http = createMlflowHttp({
    baseUrl: uri.toString().replace(/\/+$/, ''),
    token: parsed.token,
    basicAuth,
    headers: parsed.headers,
    timeoutMs: parsed.timeoutMs,
    retry: { attempts: parsed.attempts, baseDelayMs: parsed.retryBaseDelayMs, maxDelayMs: parsed.retryMaxDelayMs },
    fetch: parsed.fetch,
  });

  async function connect(): Promise<MlflowContext> {
    const experiment = await resolveExperiment(http, { id: parsed.experimentId, name: parsed.experimentName });
    const caps = await detectCapabilities(http, experiment.id);
    log('info', describeCapabilities(caps, experiment.id));
    return { http, experiment, caps, log };
  }
  let ctx: MlflowContext | undefined;
  let connecting: Promise<MlflowContext> | undefined;
  /** The connection, made on first use when MLflow was unreachable at start (one attempt at a time). */
  function context(): Promise<MlflowContext> {
    if (ctx !== undefined) return Promise.resolve(ctx);
    connecting ??= connect().then(
      (made) => {
        ctx = made;
        return made;
      },
      (error: unknown) => {
        connecting = undefined;
        throw error;
      },
    );
    return connecting;
  }
  try {
    await context();
  } catch (error) {
    // With an outbox the app may start during an MLflow outage: writes wait on disk, reads answer 503.
    if (!(error instanceof MlflowUnavailableError) || parsed.outboxDir === undefined) throw toVerdictError(error);
    log('warn', `verdict mlflowStore: ${error.message}; starting without MLflow, writes go to the outbox until it answers`);
  }
  const outbox = parsed.outboxDir === undefined ? undefined : await Outbox.open(parsed.outboxDir, { maxBytes: parsed.outboxMaxBytes, maxRecords: parsed.outboxMaxRecords });

  let closed = false;
  const closing = new AbortController();
  let draining: Promise<void> | undefined;
  // Overrides on one trace are checked and written one at a time, so two racing overrides cannot both win.
  const overrideLocks = new Map<string, Promise<unknown>>();

  function withTraceLock<T>(traceId: string, run: () => Promise<T>): Promise<T> {
    const previous = overrideLocks.get(traceId) ?? Promise.resolve();
    const next = previous.then(run, run);
    const settled = next.catch(() => undefined);
    overrideLocks.set(traceId, settled);
    void settled.then(() => {
      if (overrideLocks.get(traceId) === settled) overrideLocks.delete(traceId);
    });
    return next;
  }

  async function apply(op: OutboxOp, replay: boolean): Promise<unknown> {
    const ctx = await context();
    if (op.kind === 'put') return putTrace(ctx, op.trace);
    if (op.kind === 'delete') return deleteAssessment(ctx, op.traceId, op.assessmentId, replay);
    const run = () => createAssessment(ctx, op.assessment);
    return op.assessment.overrides === undefined ? run() : withTraceLock(op.assessment.trace_id, run);
  }

  async function replayOne(entry: OutboxEntry): Promise<void> {
    if (outbox === undefined) return;
    try {
      await apply(entry.op, true);
      await outbox.ack(entry.seq);
    } catch (error) {
      if (error instanceof MlflowUnavailableError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      log('warn', `verdict mlflowStore: MLflow refused a replayed ${entry.op.kind} (outbox seq ${entry.seq}): ${reason}; kept in outbox-rejected.jsonl`);
      await outbox.reject(entry, reason);
    }
  }

  async function drain(): Promise<void> {
    while (!closed && outbox !== undefined && outbox.size > 0) {
      const entry = outbox.peek();
      if (entry === undefined) break;
      try {
        await replayOne(entry);
      } catch {
        await sleep(parsed.replayIntervalMs, closing.signal);
      }
    }
  }

  /** Starts the replayer unless it runs; resolves when the outbox is empty (or the store closes). */
  function kickReplay(): Promise<void> {
    if (draining === undefined) {
      // Cleared only after it is stored: a drain with nothing to do settles at once.
      const run = drain();
      draining = run;
      void run.finally(() => {
        if (draining === run) draining = undefined;
      });
    }
    return draining;
  }
  if (outbox !== undefined && outbox.size > 0) void kickReplay();

  function assertOpen(): void {
    if (closed) throw new VerdictError('UNAVAILABLE', 'mlflow store is closed');
  }

  /** Reads see every acknowledged write or fail: with writes still waiting, try once to send them first. */
  async function beforeRead(): Promise<void> {
    assertOpen();
    if (outbox === undefined || outbox.size === 0) return;
    const waited = kickReplay();
    await Promise.race([waited, sleep(parsed.timeoutMs, closing.signal)]);
    if (outbox.size > 0) {
      throw new VerdictError('STORE_UNAVAILABLE', `MLflow is unreachable; ${outbox.size} acknowledged writes are waiting in the outbox, so reads are refused rather than partial`);
    }
  }

  /** A write: straight to MLflow, or (while it is unreachable, or writes are already waiting) into the outbox. */
  async function write<T>(op: OutboxOp, acknowledged: T): Promise<T> {
    assertOpen();
    if (outbox !== undefined && outbox.size > 0) {
      await outbox.append(op);
      void kickReplay();
      return acknowledged;
    }
    try {
      return (await apply(op, false)) as T;
    } catch (error) {
      if (!(error instanceof MlflowUnavailableError) || outbox === undefined) throw toVerdictError(error);
      await outbox.append(op);
      void kickReplay();
      return acknowledged;
    }
  }

  /**
   * A collection whose every call first checks the store is open and maps MLflow failures to
   * Verdict errors. `make` picks the implementation once MLflow was reached (capabilities known).
   * Document writes never go to the outbox: `update(key, mutate)` must see the current document,
   * which a replay minutes later cannot promise (another replica may have changed it since), so
   * during an outage they fail with 503 instead — see {@link refuseDocumentWrite}.
   */
  function guarded<T>(name: string, make: (ctx: MlflowContext) => DocumentCollection<T>): DocumentCollection<T> {
    let inner: DocumentCollection<T> | undefined;
    const collection = async () => (inner ??= make(await context()));
    const read = async <R>(task: (target: DocumentCollection<T>) => Promise<R>): Promise<R> => {
      assertOpen();
      return guard(async () => task(await collection()));
    };
    const write = async <R>(task: (target: DocumentCollection<T>) => Promise<R>): Promise<R> => {
      assertOpen();
      // Trace and feedback writes acknowledged earlier go first (an eval run links their traces).
      await beforeRead().catch((error: unknown) => {
        throw refuseDocumentWrite(name, error);
      });
      try {
        return await task(await collection());
      } catch (error) {
        throw refuseDocumentWrite(name, toVerdictError(error));
      }
    };
    return {
      list: () => read((target) => target.list()),
      get: (key) => read((target) => target.get(key)),
      create: (key, document) => write((target) => target.create(key, document)),
      update: (key, mutate) => write((target) => target.update(key, mutate)),
      delete: (key) => write((target) => target.delete(key)),
    };
  }

  const runCollection =
    <T>(name: string, afterWrite?: (ctx: MlflowContext, runId: string, document: T) => Promise<void>) =>
    (made: MlflowContext): DocumentCollection<T> =>
      mlflowCollection<T>(made, name, afterWrite && ((runId, document) => afterWrite(made, runId, document)));

  return {
    get experimentId() {
      return ctx?.experiment.id ?? '';
    },
    get capabilities() {
      return ctx?.caps ?? OFFLINE_CAPS;
    },
    traces: {
      async put(input: Trace): Promise<void> {
        const trace = parseOrThrow(TraceSchema, input, 'trace');
        trace.info.assessments = [];
        await write({ kind: 'put', trace }, undefined);
      },
      async get(traceId: string): Promise<Trace | null> {
        await beforeRead();
        return guard(async () => getTrace(await context(), traceId));
      },
      async search(params) {
        await beforeRead();
        return guard(async () => searchTraces(await context(), params));
      },
      async summary(params) {
        await beforeRead();
        return guard(async () => summarizeTraces(await context(), params));
      },
    },
    assessments: {
      async create(input: Assessment): Promise<Assessment> {
        const assessment = parseOrThrow(AssessmentSchema, input, 'assessment');
        if (assessment.expectation !== undefined && assessment.overrides !== undefined) {
          throw new VerdictError('INVALID_ARGUMENT', 'MLflow ignores `overrides` on expectations; delete and re-create the expectation instead', {
            issues: [{ code: 'custom', path: ['overrides'], message: 'not supported on expectations by MLflow' }],
          });
        }
        return write({ kind: 'create', assessment }, assessment);
      },
      async get(traceId: string, assessmentId: string): Promise<Assessment | null> {
        await beforeRead();
        return guard(async () => getAssessment(await context(), traceId, assessmentId));
      },
      async delete(traceId: string, assessmentId: string): Promise<void> {
        await write({ kind: 'delete', traceId, assessmentId }, undefined);
      },
    },
    // Experiment tags (issue 8), not runs: no artifacts needed, so they work on any artifact root.
    labelSchemas: guarded('labelSchemas', labelSchemaTagCollection),
    labelingSessions: guarded('labelingSessions', runCollection<StoredLabelingSession>('labelingSessions', labelingSessionMirror())),
    // MLflow's own evaluation datasets when the server has them (SQL backend), else one run per dataset.
    datasets: guarded('datasets', (made) => (made.caps.datasets ? mlflowDatasetCollection(made) : runCollection<StoredDataset>('datasets')(made))),
    evalRuns: guarded('evalRuns', runCollection<EvalRun>('evalRuns', mirrorEvalRun)),
    pendingWrites: () => outbox?.size ?? 0,
    async flush(): Promise<void> {
      while (!closed && outbox !== undefined && outbox.size > 0) {
        await kickReplay();
        if (outbox.size > 0) await sleep(parsed.replayIntervalMs, closing.signal);
      }
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      closing.abort();
      http.abortAll();
      await draining;
      await outbox?.close();
    },
  };
}
