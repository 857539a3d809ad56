import type { MlflowCapabilities } from './capabilities';
import type { Experiment } from './experiment';
import type { MlflowHttp } from './http-client';

/** What every MLflow operation needs: the client, the experiment and what the server offers. */
export interface MlflowContext {
  http: MlflowHttp;
  experiment: Experiment;
  /** Mutable: a 404/501 from `/v1/traces` switches span writes to the artifact fallback for good. */
  caps: MlflowCapabilities;
  log: (level: 'info' | 'warn', message: string) => void;
}
