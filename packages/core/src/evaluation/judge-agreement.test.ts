import { describe, expect, it } from 'vitest';
import { agreementLabel, judgeAgreement } from './judge-agreement';

describe('judgeAgreement', () => {
  it('builds the confusion matrix (rows human, columns judge) and Cohen’s kappa', () => {
    const pairs = [
      { human: true, judge: true },
      { human: true, judge: true },
      { human: true, judge: false },
      { human: false, judge: false },
      { human: false, judge: 'yes' },
    ];
    const result = judgeAgreement(pairs);
    expect(result.labels).toEqual(['false', 'true']);
    expect(result.matrix).toEqual([
      [1, 1],
      [1, 2],
    ]);
    expect(result.items).toBe(5);
    expect(result.observed_agreement).toBeCloseTo(0.6);
    // p_e = (2/5)(2/5) + (3/5)(3/5) = 0.52 → kappa = (0.6 − 0.52) / 0.48
    expect(result.kappa).toBeCloseTo(0.08 / 0.48);
  });

  it('has no kappa without pairs or when both always agree on one label', () => {
    expect(judgeAgreement([])).toMatchObject({ kappa: null, observed_agreement: null, items: 0 });
    expect(judgeAgreement([{ human: 'no', judge: false }]).kappa).toBeNull();
  });

  it('folds yes/no and pass/fail into booleans', () => {
    expect(['yes', 'pass', true].map(agreementLabel)).toEqual(['true', 'true', 'true']);
    expect(agreementLabel(3)).toBe('3');
  });
});
