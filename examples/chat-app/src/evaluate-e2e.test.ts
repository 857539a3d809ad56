import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEvaluationClient, memoryStore } from '@verdict/core';
import express from 'express';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatApp } from './app';
import { DEMO_QUESTIONS, seedDemoDataset } from './demo-dataset';
import { demoModel } from './models';
import type { ChatModel } from './models';
import { listen } from './test-server';

// Debian's package, never a downloaded build (see e2e.test.ts).
const CHROMIUM = '/usr/bin/chromium';
const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = join(exampleDir, '..', '..');
const screenshot = join(exampleDir, 'test-output', 'evaluate.png');
const runningScreenshot = join(exampleDir, 'test-output', 'evaluate-running.png');
const source = (path: string) => join(repoDir, path);

let browser: Browser | undefined;
let webDir = '';

beforeAll(async () => {
  // Built from the packages' sources into a folder of its own (as review-e2e.test.ts does).
  webDir = await mkdtemp(join(tmpdir(), 'verdict-evaluate-web-'));
  const { build } = await import('vite');
  await build({
    configFile: join(exampleDir, 'web', 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: webDir, emptyOutDir: true },
    resolve: {
      alias: [
        { find: /^@verdict\/react\/styles\.css$/, replacement: source('packages/react/src/styles.css') },
        { find: /^@verdict\/react$/, replacement: source('packages/react/src/index.ts') },
        { find: /^@verdict\/core$/, replacement: source('packages/core/src/index.ts') },
      ],
    },
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (webDir !== '') await rm(webDir, { recursive: true, force: true });
});

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
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with \`apt-get install -y chromium\` (the e2e test never downloads a browser)`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    const store = memoryStore();
    await seedDemoDataset(store);
    const gate = gatedModel();
    const { app } = createChatApp({ store, model: gate.model, feedbackSecret: 'evaluate-e2e-secret-0123456789abcdef' });
    const outer = express();
    outer.use(express.static(webDir));
    outer.use(app);
    const base = await listen(createServer(outer));

    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const axeViolations = async () => {
      if (!(await page.evaluate(() => 'axe' in window))) {
        await page.addScriptTag({ content: await readFile(join(repoDir, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8') });
      }
      return page.evaluate(async () => {
        type Axe = { run: (context: Element) => Promise<{ violations: { id: string; nodes: { html: string }[] }[] }> };
        const results = await (window as unknown as { axe: Axe }).axe.run(document.querySelector('.evaluate')!);
        return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`);
      });
    };
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
      await mkdir(dirname(screenshot), { recursive: true });
      await page.screenshot({ path: runningScreenshot, fullPage: true });
      expect(await axeViolations()).toEqual([]);

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

      // A row opens to both runs' verdicts; a trace link leads to the row's trace.
      await compared.first().getByRole('button', { name: /^Details of row/ }).click();
      await page.getByText('Candidate', { exact: true }).waitFor();
      await page.screenshot({ path: screenshot, fullPage: true });

      // axe in a real browser, so colour contrast is checked too: while running (above) and now.
      expect(await axeViolations()).toEqual([]);

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
