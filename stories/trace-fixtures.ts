// The traces the TraceViewer stories show: the same plain `Trace` objects the component tests use
// (packages/react/src/test-support/trace-fixtures.ts), so a story and its test cannot drift apart.
// eslint-disable-next-line no-restricted-imports -- test data shared with the component tests, not the package's code
export {
  FIXTURE_EPOCH,
  RAG_DOCUMENTS,
  agentTrace,
  fixtureAssessmentId,
  fixtureSpanId,
  fixtureTraceId,
  largeTrace,
  overriddenAssessments,
  ragTrace,
  ragTraceWithAssessments,
} from '../packages/react/src/test-support/trace-fixtures';
