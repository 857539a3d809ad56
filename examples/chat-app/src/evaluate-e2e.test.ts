import { createEvaluationClient, memoryStore, newAssessment } from '@verdict/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createChatApp } from './app';
import { DEMO_QUESTIONS, seedDemoDataset } from './demo-dataset';
import { demoModel } from './models';
import type { ChatModel } from './models';
import { axeViolations, buildWebFromSources, openPage, screenshot, servePage } from './test-support/browser';

let webDir = '';

beforeAll(async () => {
  webDir = await buildWebFromSources('evaluate');
}, 120_000);

/** The demo model behind a gate: each answer waits until the test lets one through, so progress can be watched. */
function gatedModel(): { model: ChatModel; release(count: number): void; open(): void } {
  const demo = demoModel();
  const waiting: (() => void)[] = [];
  let credit = 0;
  const release = (count: number) => {
    credit += count;
    while (credit > 0 && waiting.length > 0) {
      credit -= 1;
      waiting.shift()?.();
    }
  };
  return {
    model: {
      ...demo,
      complete: async (messages, signal) => {
        await new Promise<void>((resolve) => {
          waiting.push(resolve);
          release(0);
        });
        return demo.complete(messages, signal);
      },
    },
    release,
    open: () => release(Number.MAX_SAFE_INTEGER),
  };
}

describe('the Evaluate page in Chromium', () => {
  it('runs the two settings on the demo dataset, shows both live, then compares them with regressions first', async () => {
    const store = memoryStore();
    await seedDemoDataset(store);
    // A human feedback schema judging what contains_all judges, for the judge-vs-human picker.
    await store.labelSchemas.create('has_all_facts', {
      name: 'has_all_facts',
      type: 'feedback',
      title: 'Has all the facts',
      input: { kind: 'categorical', options: ['true', 'false'] },
    });
    const gate = gatedModel();
    const { app } = createChatApp({ store, model: gate.model, feedbackSecret: 'evaluate-e2e-secret-0123456789abcdef' });
    const base = await servePage(app, webDir);

    const { page, pageErrors } = await openPage({ width: 1400, height: 1000 });
    try {
      await page.goto(`${base}/#/evaluate`);
      await page.getByRole('heading', { name: 'Evaluate' }).waitFor();
      await expect.poll(() => page.getByLabel('Dataset').inputValue()).toBe('help-center-questions');
      await page.getByRole('button', { name: 'Run and compare' }).click();

      // Both runs show live: nothing answered yet, then two answers let through.
      const bars = page.getByRole('progressbar', { name: 'Evaluation progress' });
      await expect.poll(() => bars.count()).toBe(2);
      const total = DEMO_QUESTIONS.length;
      const done = async () => (await bars.evaluateAll((nodes) => nodes.map((node) => Number(node.getAttribute('aria-valuenow'))))).reduce((a, b) => a + b, 0);
      expect(await done()).toBe(0);
      expect(await page.locator('.vd-eval-progress__text').allTextContents()).toEqual([`0 / ${total}`, `0 / ${total}`]);
      gate.release(2);
      await expect.poll(done).toBe(2);
      expect(await bars.count()).toBe(2);
      await screenshot(page, 'evaluate-running.png');
      expect(await axeViolations(page, '.evaluate')).toEqual([]);

      gate.open();
      await page.getByRole('heading', { name: 'Comparison' }).waitFor({ timeout: 15_000 });
      expect(await page.locator('.vd-eval[data-status="completed"]').count()).toBe(2);
      const compared = page.getByRole('table', { name: 'Compared rows' }).locator('tr.vd-eval-table__row');
      await expect.poll(() => compared.count()).toBe(total);
      // The one-article setting loses facts that need two articles: those rows come first, marked.
      const changes = await compared.evaluateAll((rows) => rows.map((row) => (row as HTMLElement).dataset.change));
      expect(changes.slice(0, 3)).toEqual(['regressed', 'regressed', 'improved']);
      expect(await compared.first().locator('td[data-column="inputs"]').textContent()).toMatch(/accidental damage|warranty|Plus/);
      const card = page.getByRole('list', { name: 'Scorer changes' }).getByRole('listitem');
      expect(await card.textContent()).toBe('contains_all▼ -0.11 (regressed)0.89 → 0.78');

      // Judge vs human: no human labels on the run's traces yet, so a clear empty message…
      const evals = createEvaluationClient({ baseUrl: `${base}/api` });
      const agreementForm = page.getByRole('form', { name: 'Judge vs human' });
      expect(await agreementForm.getByLabel('Run').inputValue()).toBe(
        (await evals.listEvaluations()).evaluations.find((run) => run.app === 'three-articles')!.evaluation_id,
      );
      expect(await agreementForm.getByLabel('Scorer').inputValue()).toBe('contains_all');
      expect(await agreementForm.getByLabel('Human label schema').inputValue()).toBe('has_all_facts');
      await agreementForm.getByRole('button', { name: 'Show agreement' }).click();
      await page.getByText('No human “has_all_facts” labels on this run’s traces yet', { exact: false }).waitFor();
      // …then a reviewer labels the base run's traces (agreeing with the judge on all but one): kappa and matrix.
      const baseRun = await evals.getEvaluation(await agreementForm.getByLabel('Run').inputValue());
      const judged = baseRun.rows.filter((row) => row.trace_id !== undefined && typeof row.scores.contains_all?.value === 'boolean');
      expect(judged.length).toBe(total);
      for (const [index, row] of judged.entries()) {
        const judge = row.scores.contains_all!.value as boolean;
        const human = index === 0 ? String(!judge) : String(judge);
        await store.assessments.create(
          newAssessment({ trace_id: row.trace_id!, assessment_name: 'has_all_facts', source: { source_type: 'HUMAN', source_id: 'reviewer' }, feedback: { value: human } }),
        );
      }
      await agreementForm.getByRole('button', { name: 'Show agreement' }).click();
      const matrix = page.getByRole('table', { name: /^Confusion matrix/ });
      await matrix.waitFor();
      expect(await matrix.locator('tbody td').allTextContents()).toHaveLength(4);
      const diagonal = (await matrix.locator('tbody td[data-agree]').allTextContents()).map(Number);
      expect(diagonal.reduce((a, b) => a + b, 0)).toBe(total - 1);
      expect(await page.locator('.vd-eval-agreement__kappa').textContent()).toMatch(/Cohen’s kappa -?\d/);
      expect(await page.locator('.vd-eval-agreement__kappa').textContent()).toContain(`${total} traces`);

      // A row opens to both runs' verdicts; a trace link leads to the row's trace.
      await compared.first().getByRole('button', { name: /^Details of row/ }).click();
      await page.getByText('Candidate', { exact: true }).waitFor();
      await screenshot(page, 'evaluate.png');

      // axe in a real browser, so colour contrast is checked too: while running (above) and now.
      expect(await axeViolations(page, '.evaluate')).toEqual([]);

      const runs = await createEvaluationClient({ baseUrl: `${base}/api` }).listEvaluations();
      expect(runs.evaluations.map((run) => [run.app, run.status]).sort()).toEqual([
        ['one-article-terse', 'completed'],
        ['three-articles', 'completed'],
      ]);
      const link = page.getByRole('link', { name: 'View trace of row 1' }).first();
      expect(await link.getAttribute('href')).toMatch(/^#\/traces\/tr-[0-9a-f]{32}$/);
      expect(pageErrors).toEqual([]);
    } finally {
      gate.open();
    }
  }, 90_000);
});
