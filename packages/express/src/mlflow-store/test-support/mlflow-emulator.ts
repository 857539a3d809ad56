// Test-only: an in-memory MLflow tracking server on 127.0.0.1 implementing just the REST
// endpoints mlflowStore uses, and rejecting what MLflow 3.6 rejects (per mlflow-rest.md and the
// recorded exchanges in ./recorded). It also records the traps a client can fall into that the
// real server does not refuse: traces left IN_PROGRESS with ended roots, and PATCHes whose
// update_mask was silently ignored. This module is the server (listening, fault injection,
// stop/start); the routes live in the emulator-*.ts modules, dispatched by emulator-router.ts.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { HttpProblem } from './emulator-http';
import { datasetsApi } from './emulator-datasets';
import type { EmulatedDataset } from './emulator-datasets';
import { emulatorRouter } from './emulator-router';
import { emulatorState, experimentOr404 } from './emulator-state';
import type { SeenRequest, StoredRun, StoredTrace } from './emulator-state';

export type { SeenRequest } from './emulator-state';

/**
 * What a fault hook may do with a request instead of serving it: answer with a status, never
 * answer (`hang`), cut the connection (`drop`), or act on it and then never answer
 * (`lose-response`, the case that makes retried creates dangerous).
 */
export type FaultAction = { status: number; body?: string; headers?: Record<string, string> } | 'hang' | 'drop' | 'lose-response';

/** Options of {@link startMlflowEmulator}. */
export interface MlflowEmulatorOptions {
  /** `GET /version`. @default '3.6.1.dev0' */
  version?: string;
  /** `otlp`: `/v1/traces` works; `flask-only`: 404 (no FastAPI app); `filestore`: 501. @default 'otlp' */
  spanIngest?: 'otlp' | 'flask-only' | 'filestore';
  /** Serve the evaluation-datasets API (`/api/3.0/mlflow/datasets/*`, SQL backend); off, those routes are Flask 404s. @default false */
  datasets?: boolean;
  /**
   * `--default-artifact-root`, e.g. `s3://bucket`: experiments get `<root>/<id>` and, unless it is
   * `mlflow-artifacts:/`, the artifacts proxy answers 503 (the server does not serve artifacts).
   * @default 'mlflow-artifacts:/'
   */
  artifactRoot?: string;
}

/** A running emulator. */
export interface MlflowEmulator {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Every request received, in order (cleared by `requests.length = 0`). */
  requests: SeenRequest[];
  /** Set to answer some requests with a fault instead (return undefined to serve normally). */
  fault: ((request: SeenRequest) => FaultAction | undefined) | undefined;
  /**
   * Trace ids MLflow shows IN_PROGRESS although no StartTraceV3 said so: spans sent without a
   * final StartTraceV3, or sent after it (3.6 then re-derives the state from the spans).
   */
  inProgressLeftBehind(): string[];
  /** PATCHes whose update_mask MLflow's parser would have dropped, changing nothing. */
  ignoredUpdateMasks: string[];
  /** The stored state, for assertions. */
  state: { traces: Map<string, StoredTrace>; runs: Map<string, StoredRun>; artifacts: Map<string, Buffer>; datasets: Map<string, EmulatedDataset> };
  /** Dataset fields MLflow would have dropped without a word (e.g. `tags` sent as an object, not a JSON string). */
  ignoredDatasetFields: string[];
  /** Stops listening (clients get connection refused); state is kept. */
  stop(): Promise<void>;
  /** Listens again on the same port. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts an MLflow REST emulator on an ephemeral port of 127.0.0.1.
 * @example const mlflow = await startMlflowEmulator(); const store = await mlflowStore({ trackingUri: mlflow.url, experimentName: 'x' });
 */
export async function startMlflowEmulator(options: MlflowEmulatorOptions = {}): Promise<MlflowEmulator> {
  const version = options.version ?? '3.6.1.dev0';
  const state = emulatorState(options.spanIngest ?? 'otlp', options.artifactRoot);
  const { traces, runs, artifacts, ignoredUpdateMasks } = state;
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const datasetApi = datasetsApi((id) => experimentOr404(state, id));
  const route = emulatorRouter(state, { version, datasets: options.datasets === true, datasetApi });

  let fault: MlflowEmulator['fault'];

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const seen: SeenRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks) };
    requests.push(seen);
    const action = fault?.(seen);
    if (action === 'hang') return;
    if (action === 'lose-response') {
      try {
        route(seen);
      } catch {
        // the client never learns either way
      }
      return;
    }
    if (action === 'drop') {
      req.socket.destroy();
      return;
    }
    if (action !== undefined) {
      res.writeHead(action.status, { 'Content-Type': 'application/json', ...action.headers });
      res.end(action.body ?? JSON.stringify({ error_code: 'INTERNAL_ERROR', message: 'injected fault' }));
      return;
    }
    try {
      const answer = route(seen);
      res.writeHead(answer.status, { 'Content-Type': answer.type });
      res.end(answer.body);
    } catch (error) {
      if (error instanceof HttpProblem) {
        res.writeHead(error.status, { 'Content-Type': error.html ? 'text/html; charset=utf-8' : 'application/json' });
        res.end(typeof error.body === 'string' ? error.body : JSON.stringify(error.body));
      } else {
        res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error_code: 'INTERNAL_ERROR', message: String(error) }));
      }
    }
  }

  let server: Server | undefined;
  let port = 0;

  async function listen(): Promise<void> {
    const next = createServer((req, res) => void handle(req, res));
    next.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => resolve());
    });
    port = (next.address() as AddressInfo).port;
    server = next;
  }

  async function stop(): Promise<void> {
    const current = server;
    server = undefined;
    if (current === undefined) return;
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => current.close(() => resolve()));
  }

  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get fault() {
      return fault;
    },
    set fault(value) {
      fault = value;
    },
    inProgressLeftBehind: () =>
      [...traces.values()]
        .filter((trace) => trace.info.state === 'IN_PROGRESS' && trace.declaredState !== 'IN_PROGRESS')
        .map((trace) => String(trace.info.trace_id)),
    ignoredUpdateMasks,
    state: { traces, runs, artifacts, datasets: datasetApi.datasets },
    ignoredDatasetFields: datasetApi.ignoredFields,
    stop,
    start: listen,
    close: stop,
  };
}
