import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChatResponseSchema, TraceSchema, memoryStore } from '@verdict/core';
import express from 'express';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChatApp } from './app';
import { demoModel } from './models';
import { listen } from './test-server';

// Debian's package, never a downloaded build (see e2e.test.ts).
const CHROMIUM = '/usr/bin/chromium';
const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = join(exampleDir, '..', '..');
const screenshot = join(exampleDir, 'test-output', 'trace-viewer.png');
const source = (path: string) => join(repoDir, path);

let browser: Browser | undefined;
let webDir = '';

beforeAll(async () => {
  // The page is built from the packages' sources into a folder of its own: the test neither needs
  // a fresh `npm run build` nor disturbs dist-web, which other tests serve.
  webDir = await mkdtemp(join(tmpdir(), 'verdict-trace-viewer-web-'));
  const { build } = await import('vite');
  await build({
    configFile: join(exampleDir, 'web', 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: webDir, emptyOutDir: true },
    resolve: {
      alias: [
        { find: /^@verdict\/react\/styles\.css$/, replacement: source('packages/react/src/styles.css') },
        { find: /^@verdict\/react$/, replacement: source('packages/react/src/index.ts') },
        { find: /^@verdict\/core\/feedback$/, replacement: source('packages/core/src/feedback.ts') },
        { find: /^@verdict\/core$/, replacement: source('packages/core/src/index.ts') },
      ],
    },
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (webDir !== '') await rm(webDir, { recursive: true, force: true });
});

/** The example app (demo model, memory store) with the freshly built page in front of it. */
async function startExample(): Promise<string> {
  const { app } = createChatApp({ store: memoryStore(), model: demoModel({ tokenDelayMs: 0 }), feedbackSecret: 'trace-viewer-e2e-secret-0123456789' });
  const outer = express();
  outer.use(express.static(webDir));
  outer.use(app);
  return listen(createServer(outer));
}

describe('the trace viewer on the example RAG trace in Chromium', () => {
  it('shows the spans, the retrieved documents and the assessments; adds one; passes axe with colours', async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with \`apt-get install -y chromium\` (the e2e test never downloads a browser)`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    const base = await startExample();
    // A real RAG trace from the example's own traced pipeline.
    const chat = ChatResponseSchema.parse(
      await (await fetch(`${base}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'How long does standard shipping take?' }) })).json(),
    );
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    await page.goto(`${base}/#/traces/${chat.trace_id}`);
    const tree = page.getByRole('tree', { name: 'Spans' });
    await tree.waitFor();
    const names = await page.locator('.vd-span-row__name').allTextContents();
    expect(names).toEqual(expect.arrayContaining(['rewrite_query', 'retrieve', 'generate']));

    await page.locator('.vd-span-row', { hasText: 'retrieve' }).first().click();
    const documents = page.getByRole('list', { name: /retrieved documents?$/ });
    await documents.waitFor();
    expect(await documents.locator('.vd-document').count()).toBeGreaterThan(0);
    expect(await documents.textContent()).toMatch(/shipping/i);
    // Bars are placed by time: every bar sits inside its track.
    const bars = await page.locator('.vd-span-row__bar').evaluateAll((elements) =>
      elements.map((element) => {
        const bar = element.getBoundingClientRect();
        const track = element.parentElement!.getBoundingClientRect();
        return bar.left >= track.left - 0.5 && bar.right <= track.right + 0.5 && bar.width >= 1;
      }),
    );
    expect(bars.length).toBe(names.length);
    expect(bars.every(Boolean)).toBe(true);

    // Keyboard: focus the tree and walk down to the next span.
    await tree.focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('article', { name: /^Span / }).getAttribute('aria-label')).not.toBe('Span retrieve');

    await page.getByRole('button', { name: 'Add assessment' }).click();
    const form = page.getByRole('form', { name: 'Add assessment' });
    await form.getByLabel('Name').fill('answer_correct');
    await form.getByLabel('Rationale (optional)').fill('Matches the shipping page');
    await form.getByRole('button', { name: 'Add assessment' }).click();
    await page.getByRole('article', { name: 'answer_correct (feedback)' }).waitFor();

    await mkdir(dirname(screenshot), { recursive: true });
    await page.locator('.vd-span-row', { hasText: 'retrieve' }).first().click();
    await page.screenshot({ path: screenshot, fullPage: true });

    // axe in a real browser, so colour contrast is checked too.
    await page.addScriptTag({ content: await readFile(join(repoDir, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8') });
    const violations = await page.evaluate(async () => {
      const results = await (window as unknown as { axe: { run: (context: Element) => Promise<{ violations: { id: string; nodes: { html: string }[] }[] }> } }).axe.run(document.querySelector('.vd-trace-viewer')!);
      return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`);
    });
    expect(violations).toEqual([]);

    const stored = TraceSchema.parse(await (await fetch(`${base}/api/traces/${chat.trace_id}`)).json());
    expect(stored.info.assessments).toEqual([
      expect.objectContaining({ assessment_name: 'answer_correct', feedback: { value: true }, rationale: 'Matches the shipping page', source: expect.objectContaining({ source_type: 'HUMAN' }) }),
    ]);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
