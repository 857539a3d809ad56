import { VerdictError } from '@verdict/core';
import type { DocumentCollection } from '@verdict/core';
import type { MlflowContext } from './context';
import { MlflowHttpError } from './http-client';
import { artifactPath } from './mlflow-requests';
import { keyedQueue } from '../keyed-queue';

const RUNS = '/api/2.0/mlflow/runs';
/** Run tags that mark a run as one Verdict document. */
export const COLLECTION_TAG = 'verdict.collection';
export const KEY_TAG = 'verdict.key';
const DOCUMENT_FILE = 'verdict-document.json';

/**
 * The clear refusal when MLflow does not proxy artifacts (`--no-serve-artifacts`, or an artifact
 * root such as `s3://…` that the client would have to write to itself): documents cannot be kept.
 * @example throw artifactsNeeded(ctx, 'labelingSessions', 'the experiment artifact root is s3://b/1');
 */
export function artifactsNeeded(ctx: MlflowContext, collection: string, why: string): VerdictError {
  return new VerdictError(
    'UNAVAILABLE',
    `MLflow must serve artifacts (\`mlflow server --serve-artifacts\`, artifact root \`mlflow-artifacts:/…\`) to store ${collection} ` +
      `(labeling sessions and eval runs are kept as run artifacts); MLflow ${ctx.caps.version}: ${why}`,
  );
}

/**
 * Statuses meaning no artifacts proxy route at all. (`--no-serve-artifacts` answers 503 text, which
 * the client retries as an outage; the artifact-root check in `create` catches that server first.)
 */
const NO_PROXY_STATUSES = new Set([404, 501]);

interface DocumentRun {
  runId: string;
  key: string;
  startTime: number;
  documentPath: string;
}

type Loose = Record<string, unknown>;

function readRun(run: Loose): DocumentRun | undefined {
  const info = (run.info ?? {}) as Loose;
  const tags = Array.isArray((run.data as Loose | undefined)?.tags) ? ((run.data as Loose).tags as Array<{ key: string; value: string }>) : [];
  const key = tags.find((tag) => tag.key === KEY_TAG)?.value;
  const runId = String(info.run_id ?? '');
  const documentPath = artifactPath(String(info.artifact_uri ?? ''), DOCUMENT_FILE);
  if (key === undefined || runId === '' || documentPath === undefined) return undefined;
  return { runId, key, startTime: Number(info.start_time ?? 0), documentPath };
}

/**
 * A document collection kept as MLflow runs: one run per document (tags `verdict.collection`
 * and `verdict.key`, run name = key), the document itself as the run artifact
 * `verdict-document.json` through the artifacts proxy. This is the fallback the issue names for
 * labeling sessions ("a session is an MLflow run") used for all four collections; updates of one
 * key are serialised in this process (MLflow has no compare-and-set, so two replicas updating
 * one document at the same instant can still lose one update).
 * @example const sessions = mlflowCollection<StoredLabelingSession>(ctx, 'labelingSessions');
 */
export function mlflowCollection<T>(
  ctx: MlflowContext,
  name: string,
  /** Runs after every write of a document, e.g. to mirror an eval run's metrics into its run. */
  afterWrite?: (runId: string, document: T) => Promise<void>,
): DocumentCollection<T> {
  const serial = keyedQueue();
  let lastStart = 0;

  async function runs(): Promise<DocumentRun[]> {
    const found: DocumentRun[] = [];
    let page_token: string | undefined;
    do {
      const response = await ctx.http.request({
        method: 'POST',
        path: `${RUNS}/search`,
        json: {
          experiment_ids: [ctx.experiment.id],
          filter: `tags.\`${COLLECTION_TAG}\` = '${name}'`,
          run_view_type: 'ACTIVE_ONLY',
          max_results: 1000,
          order_by: ['attributes.start_time ASC'],
          ...(page_token === undefined ? {} : { page_token }),
        },
      });
      const body = (response.json ?? {}) as { runs?: Loose[]; next_page_token?: string };
      for (const run of body.runs ?? []) {
        const read = readRun(run);
        if (read !== undefined) found.push(read);
      }
      page_token = body.next_page_token || undefined;
    } while (page_token !== undefined);
    return found.sort((a, b) => a.startTime - b.startTime);
  }

  async function find(key: string): Promise<DocumentRun | undefined> {
    return (await runs()).find((run) => run.key === key);
  }

  async function readDocument(run: DocumentRun): Promise<T | null> {
    try {
      const response = await ctx.http.request({ method: 'GET', path: run.documentPath });
      return (response.json ?? JSON.parse(response.text)) as T;
    } catch (error) {
      // A run whose document upload never finished is not a document yet.
      if (error instanceof MlflowHttpError && error.status === 404) return null;
      if (error instanceof MlflowHttpError && NO_PROXY_STATUSES.has(error.status)) throw artifactsNeeded(ctx, name, error.message);
      throw error;
    }
  }

  async function writeDocument(run: DocumentRun, document: T): Promise<void> {
    try {
      await ctx.http.request({ method: 'PUT', path: run.documentPath, json: document });
    } catch (error) {
      if (error instanceof MlflowHttpError && NO_PROXY_STATUSES.has(error.status)) throw artifactsNeeded(ctx, name, error.message);
      throw error;
    }
    await afterWrite?.(run.runId, document);
  }
  const missing = (key: string) => new VerdictError('NOT_FOUND', `${name} ${key} not found`);

  return {
    async list() {
      const documents = await Promise.all((await runs()).map(readDocument));
      return documents.filter((document): document is Awaited<T> => document !== null) as T[];
    },
    async get(key) {
      const run = await find(key);
      return run === undefined ? null : readDocument(run);
    },
    create(key, document) {
      return serial(key, async () => {
        // Refuse before creating a run that could never hold its document.
        if (artifactPath(ctx.experiment.artifactLocation, DOCUMENT_FILE) === undefined) {
          throw artifactsNeeded(ctx, name, `the experiment's artifact root is ${JSON.stringify(ctx.experiment.artifactLocation)}`);
        }
        if ((await find(key)) !== undefined) throw new VerdictError('CONFLICT', `${name} ${key} already exists`);
        // Distinct, rising start times keep creation order even within one millisecond.
        lastStart = Math.max(Date.now(), lastStart + 1);
        const response = await ctx.http.request({
          method: 'POST',
          path: `${RUNS}/create`,
          json: {
            experiment_id: ctx.experiment.id,
            run_name: key.slice(0, 250),
            start_time: lastStart,
            tags: [
              { key: COLLECTION_TAG, value: name },
              { key: KEY_TAG, value: key },
            ],
          },
        });
        const run = readRun(((response.json ?? {}) as { run?: Loose }).run ?? {});
        if (run === undefined) {
          const info = (((response.json ?? {}) as { run?: Loose }).run?.info ?? {}) as Loose;
          // Do not leave a run behind that list() would skip forever.
          if (typeof info.run_id === 'string') await ctx.http.request({ method: 'POST', path: `${RUNS}/delete`, json: { run_id: info.run_id } }).catch(() => undefined);
          throw artifactsNeeded(ctx, name, `the new run's artifact location is ${JSON.stringify(String(info.artifact_uri ?? ''))}`);
        }
        try {
          await writeDocument(run, document);
        } catch (error) {
          // No proxy route: the run can never hold its document, so do not leave it to block the key.
          if (VerdictError.isInstance(error) && error.code === 'UNAVAILABLE') {
            await ctx.http.request({ method: 'POST', path: `${RUNS}/delete`, json: { run_id: run.runId } }).catch(() => undefined);
          }
          throw error;
        }
        return structuredClone(document);
      });
    },
    update(key, mutate) {
      return serial(key, async () => {
        const run = await find(key);
        const current = run === undefined ? null : await readDocument(run);
        if (run === undefined || current === null) throw missing(key);
        const next = mutate(current);
        await writeDocument(run, next);
        return structuredClone(next);
      });
    },
    delete(key) {
      return serial(key, async () => {
        const run = await find(key);
        if (run === undefined) throw missing(key);
        await ctx.http.request({ method: 'POST', path: `${RUNS}/delete`, json: { run_id: run.runId } });
      });
    },
  };
}
