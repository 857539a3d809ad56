// The eval runs the EvalResults stories show: the same fixtures the component tests use
// (packages/react/src/test-support/eval-fixtures.ts), so a story and its test cannot drift apart.
// eslint-disable-next-line no-restricted-imports -- test data shared with the component tests, not the package's code
export { aggregatesOf, fixtureComparison, fixtureEvaluationId, fixtureRow, fixtureRun } from '../packages/react/src/test-support/eval-fixtures';
