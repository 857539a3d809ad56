export { jsonStore } from './json-store';
export type { JsonStore } from './json-store';
export type { JsonStoreOptions } from './json-store-options';
