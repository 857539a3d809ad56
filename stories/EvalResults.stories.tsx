import type { Meta, StoryObj } from '@storybook/react-vite';
import { EvalResults } from '@verdict/react';
import { expect, waitFor, within } from 'storybook/test';
import { fixtureComparison, fixtureEvaluationId, fixtureRow, fixtureRun } from './eval-fixtures';
import { withEvalTransport } from './with-transport';

const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => fixtureRow(from + index));
const RUN = fixtureEvaluationId(1);

const meta = {
  title: 'Evaluation/EvalResults',
  component: EvalResults,
  args: { evaluationId: RUN, traceHref: (traceId: string) => `#/traces/${traceId}` },
  decorators: [withEvalTransport({ runs: [fixtureRun({ rows: rows(0, 24) })] })],
} satisfies Meta<typeof EvalResults>;
export default meta;

type Story = StoryObj<typeof meta>;

/** Waits until the run has loaded and reached `status`, so the story (and its test) ends settled. */
const settled =
  (status: string) =>
  async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('.vd-eval')?.getAttribute('data-status')).toBe(status), { timeout: 3000 });
  };

/** 17 of 60 rows were scored when the page opened; three more arrive live, then the run keeps going. */
export const Running: Story = {
  decorators: [
    withEvalTransport({
      runs: [fixtureRun({ rows: rows(0, 17), total: 60, status: 'running' })],
      live: { [RUN]: { rows: rows(17, 20), end: 'hang' } },
    }),
  ],
  play: async ({ canvasElement }) => {
    const bar = await within(canvasElement).findByRole('progressbar', {}, { timeout: 3000 });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('20'), { timeout: 3000 });
  },
};

/** A completed run of 24 rows: pass rate and mean per scorer, charts, rows linking to their traces. */
export const Finished: Story = { play: settled('completed') };

/** The judge timed out on some rows and hit a rate limit on one: error badges, counted per scorer. */
export const WithErrors: Story = {
  decorators: [
    withEvalTransport({
      runs: [
        fixtureRun({
          rows: rows(0, 12).map((row, n) =>
            n % 5 === 2
              ? { ...row, scores: { ...row.scores, correctness: { error: { error_code: 'TIMEOUT', error_message: 'The judge did not answer within 30 s' } } } }
              : n === 9
                ? { ...row, scores: { ...row.scores, relevance: { error: { error_code: 'RATE_LIMITED', error_message: '429 after 3 retries' } } } }
                : row,
          ),
        }),
      ],
    }),
  ],
  play: settled('completed'),
};

/** Two runs of the same dataset: regressions first and highlighted, per-scorer deltas on top. */
export const Compare: Story = {
  args: { evaluationId: null, compare: { base: fixtureEvaluationId(1), candidate: fixtureEvaluationId(2) } },
  decorators: [withEvalTransport({ runs: [], comparison: fixtureComparison() })],
  play: settled('success'),
};

/** A run over an empty dataset. */
export const Empty: Story = {
  decorators: [withEvalTransport({ runs: [fixtureRun({ rows: [] })] })],
  play: settled('completed'),
};

/** 10,000 rows: only a window of them is in the page. */
export const TenThousandRows: Story = {
  decorators: [withEvalTransport({ runs: [fixtureRun({ rows: rows(0, 10_000) })] })],
  play: settled('completed'),
};

/** The judge held against the reviewers' labels on the same traces: kappa and the confusion matrix under the cards. */
export const WithJudgeAgreement: Story = {
  args: { agreement: { scorer: 'correctness', labelSchema: 'is_correct' } },
  decorators: [
    withEvalTransport({
      runs: [fixtureRun({ rows: rows(0, 12) })],
      agreement: {
        scorer: 'correctness',
        label_schema: 'is_correct',
        metric: 'cohen_kappa',
        kappa: 0.625,
        observed_agreement: 0.8333,
        items: 12,
        labels: ['false', 'true'],
        matrix: [
          [2, 1],
          [1, 8],
        ],
      },
    }),
  ],
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('table', { name: /Confusion matrix/ }, { timeout: 3000 });
  },
};
