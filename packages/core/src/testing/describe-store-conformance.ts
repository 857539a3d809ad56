import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../store/store';
import { describeAssessmentContract } from './assessment-contract';
import { describeAssessmentValidationContract } from './assessment-validation-contract';
import { describeConcurrencyContract } from './concurrency-contract';
import { describeDocumentCollectionContract } from './document-collection-contract';
import { describeSearchFilterContract } from './search-filter-contract';
import { describeSearchPageContract } from './search-page-contract';
import { describeSummaryContract } from './summary-contract';
import { describeTraceContract } from './trace-contract';

/**
 * The one test suite every Verdict store must pass. Call it from a Vitest test file;
 * `makeStore` is called before each test and must return an empty store (for a file store, one in
 * a fresh temporary directory); `close()` is called after each test. Slow remote stores may need
 * a larger `testTimeout`.
 * @example
 * // my-store.test.ts
 * import { describeStoreConformance } from '@verdict/core/testing';
 * describeStoreConformance('myStore', () => myStore({ dir: mkdtempSync(join(tmpdir(), 'store-')) }));
 */
export function describeStoreConformance(name: string, makeStore: () => Store | Promise<Store>): void {
  describe(`${name} (Store conformance)`, () => {
    let current: Store | undefined;
    // Each part reads the store through this getter, because a new one is made before each test.
    const store = (): Store => {
      if (current === undefined) throw new Error('describeStoreConformance: makeStore() has not resolved yet');
      return current;
    };

    beforeEach(async () => {
      current = await makeStore();
    });

    afterEach(async () => {
      await current?.close?.();
      current = undefined;
    });

    describe('traces.put and traces.get', () => describeTraceContract(store));
    describe('traces.search filters', () => describeSearchFilterContract(store));
    describe('traces.search order and pages', () => describeSearchPageContract(store));
    describe('assessments', () => describeAssessmentContract(store));
    describe('assessment validation', () => describeAssessmentValidationContract(store));
    describe('concurrent writes', () => describeConcurrencyContract(store));
    describe('traces.summary', () => describeSummaryContract(store));
    describe('document collections', () => describeDocumentCollectionContract(store));
  });
}
