export { VerdictProvider, useVerdictClient } from './verdict-provider';
export type { VerdictProviderProps } from './verdict-provider';
