import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { expectAccessible } from '../test-support/axe';
import { JudgeAgreement, kappaStrength } from './judge-agreement';

afterEach(cleanup);

describe('JudgeAgreement', () => {
  it('shows kappa with its reading and the confusion matrix, human labels as rows', async () => {
    const { container } = render(
      <JudgeAgreement
        agreement={{
          scorer: 'correctness',
          label_schema: 'is_correct',
          metric: 'cohen_kappa',
          kappa: 0.6667,
          observed_agreement: 0.8333,
          items: 12,
          labels: ['false', 'true'],
          matrix: [
            [4, 1],
            [1, 6],
          ],
        }}
      />,
    );
    expect(screen.getByRole('heading').textContent).toBe('Judge “correctness” vs human “is_correct”');
    expect(container.querySelector('.vd-eval-agreement__kappa')?.textContent).toBe('Cohen’s kappa 0.67substantial12 traces · 83% exact agreement');
    const table = screen.getByRole('table', { name: /Confusion matrix/ });
    const human = within(table).getByRole('rowheader', { name: 'human: true' });
    expect([...human.parentElement!.querySelectorAll('td')].map((cell) => [cell.textContent, cell.hasAttribute('data-agree')])).toEqual([
      ['1', false],
      ['6', true],
    ]);
    expect(within(table).getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual(['judge: false', 'judge: true']);
    await expectAccessible(container);
  });

  it('explains an undefined kappa instead of showing a number', async () => {
    const { container } = render(
      <JudgeAgreement agreement={{ scorer: 'safety', label_schema: 'safe', metric: 'cohen_kappa', kappa: null, observed_agreement: null, items: 0, labels: [], matrix: [] }} />,
    );
    expect(container.textContent).toContain('not defined (no traces judged by both)');
    expect(screen.queryByRole('table')).toBeNull();
    await expectAccessible(container);
  });

  it('reads kappa on the usual scale', () => {
    expect([-0.1, 0.1, 0.3, 0.5, 0.7, 0.9].map(kappaStrength)).toEqual(['worse than chance', 'slight', 'fair', 'moderate', 'substantial', 'almost perfect']);
  });
});
