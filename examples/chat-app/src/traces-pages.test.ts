import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoModel } from './models';
import { startApp } from './test-server';

const CHROMIUM = '/usr/bin/chromium';
const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..');

let browser: Browser | undefined;

beforeAll(async () => {
  // Same as e2e.test.ts: a bare `vitest run` on a fresh clone builds the page here.
  if (!existsSync(join(exampleDir, 'dist-web', 'index.html'))) {
    const { build } = await import('vite');
    await build({ configFile: join(exampleDir, 'web', 'vite.config.ts'), logLevel: 'warn' });
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('the Traces and Summary pages in Chromium', () => {
  it('goes from an answer to its trace, lists it in the table, and counts its vote in the summary', async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with \`apt-get install -y chromium\``);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    const base = await startApp(demoModel({ tokenDelayMs: 2 }), 'traces-pages-secret-0123456789abcdef');
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(base);

    await page.getByLabel('Message').fill('How long does standard shipping take?');
    await page.getByRole('button', { name: 'Send' }).click();
    const good = page.getByRole('button', { name: 'Good answer' });
    await expect.poll(() => good.isEnabled(), { timeout: 10_000 }).toBe(true);
    await good.click();

    // "View trace" under the answer opens that trace in the viewer.
    await page.getByRole('link', { name: 'View trace' }).click();
    const traceId = /#\/traces\/(tr-[0-9a-f]{32})$/.exec(page.url())?.[1];
    expect(traceId).toBeDefined();
    await page.getByRole('heading', { name: `Trace ${traceId}` }).waitFor();
    await page.locator('.vd-trace-viewer').getByText('user_feedback').first().waitFor();

    // The table lists it with its vote; a click on the row opens it again.
    await page.getByRole('link', { name: 'Traces', exact: true }).click();
    const row = page.locator(`tr[data-trace-id="${traceId}"]`);
    await row.waitFor();
    expect(await row.locator('td[data-column="assessment:user_feedback"]').textContent()).toBe('👍yes');
    await row.click();
    await expect.poll(() => page.url()).toMatch(new RegExp(`#/traces/${traceId}$`));

    // The summary counts one trace, rated up.
    await page.getByRole('link', { name: 'Summary', exact: true }).click();
    const figure = (name: string) => page.locator('.vd-summary__figure', { has: page.locator('dt', { hasText: name }) }).locator('dd');
    await expect.poll(() => figure('Traces').textContent(), { timeout: 5_000 }).toBe('1');
    expect(await figure('Feedback rate').textContent()).toBe('100 %');
    expect(await figure('Positive rate').textContent()).toBe('100 %');

    // Back to the chat: the conversation is still there.
    await page.getByRole('link', { name: 'Chat', exact: true }).click();
    expect(await page.locator('.vd-message--assistant').count()).toBe(1);
    expect(pageErrors).toEqual([]);
  }, 40_000);
});
