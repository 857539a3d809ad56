export { mlflowStore } from './mlflow-store';
export type { MlflowStore } from './mlflow-store';
export type { MlflowStoreOptions } from './mlflow-store-options';
export type { MlflowCapabilities } from './capabilities';
