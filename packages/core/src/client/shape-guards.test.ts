import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { ErrorBodySchema } from '../schemas/error-body';
import { FeedbackResponseSchema, MyFeedbackResponseSchema } from '../schemas/feedback';
import { isErrorBody, isFeedbackResponse, isMyFeedbackResponse } from './shape-guards';

// Each guard must accept and refuse exactly what its schema does: the schema is the contract.
const cases: Array<[string, (value: unknown) => boolean, z.core.$ZodType, unknown[]]> = [
  [
    'isErrorBody',
    isErrorBody,
    ErrorBodySchema,
    [
      { error: { code: 'NOT_FOUND', message: 'no' } },
      { error: { code: 'INVALID_ARGUMENT', message: 'bad', issues: [{ code: 'too_small', path: ['a', 0], message: 'x', minimum: 1 }] } },
      { error: { code: 'X', message: 'm', issues: [{ code: 'c', path: [true], message: 'm' }] } },
      { error: { code: 'X', message: 'm', issues: 'nope' } },
      { error: { code: 1, message: 'm' } },
      { error: { code: 'X' } },
      { error: null },
      { error: [] },
      null,
      [],
      'error',
      { error: { code: 'X', message: 'm', extra: 1 }, more: true },
    ],
  ],
  [
    'isFeedbackResponse',
    isFeedbackResponse,
    FeedbackResponseSchema,
    [
      { status: 'success', trace_id: 'tr-1' },
      { status: 'success', trace_id: 'tr-1', assessment_ids: ['a-1', 'a-2'] },
      { status: 'success', trace_id: 'tr-1', assessment_ids: [1] },
      { status: 'success', trace_id: 'tr-1', assessment_ids: null },
      { status: 'failure', trace_id: 'tr-1' },
      { status: 'success' },
      { status: 'success', trace_id: 5 },
      [],
      undefined,
    ],
  ],
  [
    'isMyFeedbackResponse',
    isMyFeedbackResponse,
    MyFeedbackResponseSchema,
    [
      { trace_id: 'tr-1', feedback: {} },
      { trace_id: 'tr-1', feedback: { user_feedback: { assessment_id: 'a-1', value: true, rationale: 'ok' } } },
      { trace_id: 'tr-1', feedback: { user_accuracy: { assessment_id: 'a-1', value: 0.75 } } },
      { trace_id: 'tr-1', feedback: { tags: { assessment_id: 'a-1', value: ['x', 'y'] } } },
      { trace_id: 'tr-1', feedback: { obj: { assessment_id: 'a-1', value: { nested: [1, null, { deep: 'yes' }] } } } },
      { trace_id: 'tr-1', feedback: { bad: { assessment_id: 'a-1', value: null } } },
      { trace_id: 'tr-1', feedback: { bad: { assessment_id: 'a-1', value: [1, 2] } } },
      { trace_id: 'tr-1', feedback: { bad: { assessment_id: 'a-1', value: Number.NaN } } },
      { trace_id: 'tr-1', feedback: { bad: { assessment_id: 'a-1', value: Infinity } } },
      { trace_id: 'tr-1', feedback: { bad: { assessment_id: 'a-1', value: { n: Infinity } } } },
      { trace_id: 'tr-1', feedback: { bad: { value: true } } },
      { trace_id: 'tr-1', feedback: { bad: { assessment_id: 'a-1', value: true, rationale: 3 } } },
      { trace_id: 'tr-1', feedback: [] },
      { feedback: {} },
    ],
  ],
];

describe('hand-written response guards (the zod-free feedback client)', () => {
  for (const [name, guard, schema, samples] of cases) {
    it(`${name} agrees with its zod schema on ${samples.length} samples`, () => {
      const verdicts = samples.map((sample) => [guard(sample), z.safeParse(schema, sample).success]);
      expect(verdicts.map(([mine]) => mine)).toEqual(verdicts.map(([, zods]) => zods));
      // The table is only useful if it holds both accepted and refused samples.
      expect(new Set(verdicts.map(([, zods]) => zods))).toEqual(new Set([true, false]));
    });
  }
});
