export { describeStoreConformance } from './describe-store-conformance';
export { makeTrace, makeSpan, makeAssessment } from './fixtures';
export type { MakeTraceOptions, MakeAssessmentOptions } from './fixtures';
export { expectVerdictError } from './expect-verdict-error';
