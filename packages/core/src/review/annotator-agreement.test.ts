import { describe, expect, it } from 'vitest';
import { annotatorAgreement } from './annotator-agreement';
import { answerKey } from './session-agreement';

const unit = (values: Record<string, string | string[]>, gold?: string | string[]) => ({
  values: Object.entries(values).map(([user, value]) => ({ user, value })),
  gold,
});

describe('annotatorAgreement', () => {
  it('gives each reviewer the mean share of others agreeing, and the share matching gold', () => {
    const figures = annotatorAgreement(
      [
        // Item 1: ann and bob agree, cy does not → ann 1/2, bob 1/2, cy 0/2.
        unit({ ann: 'yes', bob: 'yes', cy: 'no' }),
        // Item 2: ann and bob agree → 1 each; the gold label matches both.
        unit({ ann: 'no', bob: 'no' }, 'no'),
        // Item 3: ann alone (no overlap), gold says otherwise.
        unit({ ann: 'yes' }, 'no'),
      ],
      answerKey,
    );
    expect(figures).toEqual({
      // Others: (1/2 + 1) / 2 = 0.75 over items 1–2; gold: item 2 right, item 3 wrong = 1/2.
      ann: { items: 2, agreement_with_others: 0.75, gold_items: 2, agreement_with_gold: 0.5 },
      bob: { items: 2, agreement_with_others: 0.75, gold_items: 1, agreement_with_gold: 1 },
      // No gold on cy's item: the gold figures are absent, not 0.
      cy: { items: 1, agreement_with_others: 0 },
    });
  });

  it('compares answers by key (lists as sets, texts trimmed)', () => {
    const figures = annotatorAgreement([unit({ ann: ['a', 'b'], bob: ['b', ' a'] }, ['a', 'b'])], answerKey);
    expect(figures.ann).toEqual({ items: 1, agreement_with_others: 1, gold_items: 1, agreement_with_gold: 1 });
    expect(annotatorAgreement([unit({ ann: ['a', 'b'], bob: ['b', ' a'] })], JSON.stringify).ann?.agreement_with_others).toBe(0);
  });

  it('lists a reviewer without overlap with a null agreement, and nobody when nothing was answered', () => {
    expect(annotatorAgreement([unit({ ann: 'yes' })], answerKey)).toEqual({ ann: { items: 0, agreement_with_others: null } });
    expect(annotatorAgreement([], answerKey)).toEqual({});
  });
});
