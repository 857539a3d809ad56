import { describe, expect, it } from 'vitest';
import { newTraceId } from '../ids';
import {
  DetailedFeedbackQuerySchema,
  GeneralFeedbackBodySchema,
  SimpleFeedbackBodySchema,
  SimpleFeedbackQuerySchema,
  normalizeRating,
} from './feedback';

const trace_id = newTraceId();

describe('feedback schemas', () => {
  it('simple form: a trace id in the query, a boolean and optional comment in a strict body', () => {
    expect(SimpleFeedbackQuerySchema.safeParse({ trace_id, user_id: 'u1' }).success).toBe(true);
    expect(SimpleFeedbackQuerySchema.safeParse({ trace_id: 'abc' }).success).toBe(false);
    expect(SimpleFeedbackBodySchema.safeParse({ is_correct: true, comment: 'great' }).success).toBe(true);
    expect(SimpleFeedbackBodySchema.safeParse({ is_correct: 'yes' }).success).toBe(false);
    expect(SimpleFeedbackBodySchema.safeParse({ is_correct: true, rating: 5 }).success).toBe(false);
  });

  it('general form: a named assessment value, strict', () => {
    expect(GeneralFeedbackBodySchema.safeParse({ trace_id, name: 'tone', value: ['a'] }).success).toBe(true);
    expect(GeneralFeedbackBodySchema.safeParse({ trace_id, name: 'tone', value: null }).success).toBe(false);
    expect(GeneralFeedbackBodySchema.safeParse({ trace_id, name: '', value: 1 }).success).toBe(false);
    expect(GeneralFeedbackBodySchema.safeParse({ trace_id, name: 'tone', value: 1, span_id: 'XYZ' }).success).toBe(false);
    expect(GeneralFeedbackBodySchema.safeParse({ trace_id, name: 'tone', value: 1, admin: true }).success).toBe(false);
  });

  it('detailed form: at least one 1–5 rating, read from query strings', () => {
    expect(DetailedFeedbackQuerySchema.parse({ trace_id, accuracy: '5', relevance: '1' })).toEqual({
      trace_id,
      accuracy: 5,
      relevance: 1,
    });
    const none = DetailedFeedbackQuerySchema.safeParse({ trace_id, comment: 'no ratings' });
    expect(none.success).toBe(false);
    expect(none.error?.issues[0]?.message).toMatch(/at least one rating of accuracy, helpfulness, relevance/);
    for (const bad of ['0', '6', '2.5', 'five']) {
      expect(DetailedFeedbackQuerySchema.safeParse({ trace_id, helpfulness: bad }).success, bad).toBe(false);
    }
  });

  it('normalizeRating maps 1–5 onto 0–1', () => {
    expect([1, 2, 3, 4, 5].map(normalizeRating)).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
});
