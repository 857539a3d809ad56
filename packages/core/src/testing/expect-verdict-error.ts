import { expect } from 'vitest';
import { VerdictError } from '../errors';
import type { ErrorCode } from '../errors';

/**
 * Awaits `promise` and asserts it rejects with a VerdictError of `code` (checked with
 * `isInstance`, so a store built against another copy of core still passes).
 * @example await expectVerdictError(store.assessments.delete(traceId, 'a-…'), 'NOT_FOUND')
 */
export async function expectVerdictError(promise: Promise<unknown>, code: ErrorCode): Promise<VerdictError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected a rejection with ${code}`).toBeDefined();
  expect(VerdictError.isInstance(caught), `expected a VerdictError ${code}, got ${String(caught)}`).toBe(true);
  const error = caught as VerdictError;
  expect(error.code).toBe(code);
  return error;
}
