import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SearchTracesResponseSchema, TraceSchema } from '@verdict/core';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoModel } from './models';
import { startApp } from './test-server';

// Debian's package, never a downloaded build: CI installs it (.ci/run) and so must a developer.
const CHROMIUM = '/usr/bin/chromium';
const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const screenshot = join(exampleDir, 'test-output', 'e2e.png');

let browser: Browser | undefined;

beforeAll(async () => {
  // `npm test` builds the page first; a bare `vitest run` on a fresh clone builds it here.
  if (!existsSync(join(exampleDir, 'dist-web', 'index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: join(exampleDir, 'web', 'vite.config.ts'), logLevel: 'warn' });
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('the React example page in Chromium', () => {
  it('streams an answer, takes a 👎 with a comment, and the trace holds it', async () => {
    // A missing browser is a broken machine, not an optional test: fail and say how to fix it.
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with \`apt-get install -y chromium\` (the e2e test never downloads a browser)`);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
    const base = await startApp(demoModel({ tokenDelayMs: 5 }), 'e2e-test-secret-0123456789abcdef');
    const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(base);
    await page.getByText('offline demo', { exact: false }).waitFor();
    expect(await page.locator('h1').textContent()).toContain('Verdict example');

    await page.getByLabel('Message').fill('How long does standard shipping take?');
    await page.getByRole('button', { name: 'Send' }).click();
    // 👎 turns on once the finished answer has its trace id.
    const thumbsDown = page.getByRole('button', { name: 'Bad answer' });
    await expect.poll(() => thumbsDown.isEnabled(), { timeout: 10_000 }).toBe(true);
    const answer = page.locator('.vd-message--assistant .vd-message__content');
    expect(await answer.textContent()).toMatch(/3 to 5 business days/);

    await thumbsDown.click();
    await page.getByLabel('Tell us more (optional)').fill('Which carrier ships it?');
    await page.getByRole('button', { name: 'Send comment' }).click();
    await page.getByText('Thanks for your feedback').waitFor();
    await mkdir(dirname(screenshot), { recursive: true });
    await page.screenshot({ path: screenshot, fullPage: true });

    const userId = await page.evaluate(() => localStorage.getItem('verdict-example-user'));
    expect(userId).toMatch(/^browser-/);
    const found = SearchTracesResponseSchema.parse(
      await (await fetch(`${base}/api/traces?assessment_name=user_feedback&assessment_value=false`)).json(),
    );
    expect(found.traces).toHaveLength(1);
    const trace = TraceSchema.parse(await (await fetch(`${base}/api/traces/${found.traces[0]?.trace_id}`)).json());
    const valid = trace.info.assessments.filter((assessment) => assessment.valid);
    expect(valid).toEqual([
      expect.objectContaining({
        assessment_name: 'user_feedback',
        feedback: { value: false },
        rationale: 'Which carrier ships it?',
        source: expect.objectContaining({ source_type: 'HUMAN', source_id: userId }),
      }),
    ]);
    expect(pageErrors).toEqual([]);
  }, 30_000);
});
