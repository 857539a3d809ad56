// Test-only (the app never imports it): the example's pages in real Chromium, for the e2e tests.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { Express } from 'express';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll } from 'vitest';
import { listen } from '../test-server';

// Debian's package, never a downloaded build: CI installs it (.ci/run) and so must a developer.
const CHROMIUM = '/usr/bin/chromium';
/** The example's folder (examples/chat-app). */
export const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const repoDir = join(exampleDir, '..', '..');
const source = (path: string) => join(repoDir, path);

let browser: Browser | undefined;
const webDirs: string[] = [];
// Vitest loads this module afresh for each test file that imports it, so each file gets this hook.
afterAll(async () => {
  await browser?.close();
  browser = undefined;
  await Promise.all(webDirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/**
 * Opens a page in Chromium (launched once per test file, closed after it) and collects the
 * page's uncaught errors, which a test expects to stay empty.
 * @example const { page, pageErrors } = await openPage({ width: 900, height: 700 });
 */
export async function openPage(viewport: { width: number; height: number }): Promise<{ page: Page; pageErrors: string[] }> {
  // A missing browser is a broken machine, not an optional test: fail and say how to fix it.
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with \`apt-get install -y chromium\` (the e2e test never downloads a browser)`);
  browser ??= await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const page = await browser.newPage({ viewport });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { page, pageErrors };
}

/**
 * Saves a full-page screenshot as `test-output/<name>` in the example's folder.
 * @example await screenshot(page, 'e2e.png');
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const path = join(exampleDir, 'test-output', name);
  await mkdir(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage: true });
}

/**
 * Runs axe-core in the page on the element `selector` finds, so colour contrast is checked too
 * (jsdom cannot); answers one line per violation.
 * @example expect(await axeViolations(page, '.vd-trace-viewer')).toEqual([]);
 */
export async function axeViolations(page: Page, selector: string): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ content: await readFile(join(repoDir, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8') });
  }
  return page.evaluate(async (selector) => {
    type Axe = { run: (context: Element) => Promise<{ violations: { id: string; nodes: { html: string }[] }[] }> };
    const results = await (window as unknown as { axe: Axe }).axe.run(document.querySelector(selector)!);
    return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`);
  }, selector);
}

/**
 * Builds the page into dist-web, which the app serves, unless it is there: `npm test` builds it
 * first; a bare `vitest run` on a fresh clone builds it here.
 * @example beforeAll(ensureDistWeb, 60_000);
 */
export async function ensureDistWeb(): Promise<void> {
  if (existsSync(join(exampleDir, 'dist-web', 'index.html'))) return;
  const { build } = await import('vite');
  await build({ configFile: join(exampleDir, 'web', 'vite.config.ts'), logLevel: 'warn' });
}

/**
 * Builds the page from the packages' sources into a temporary folder (removed after the test
 * file): the test neither needs a fresh `npm run build` nor disturbs dist-web, which other tests serve.
 * @example beforeAll(async () => { webDir = await buildWebFromSources('review'); }, 120_000);
 */
export async function buildWebFromSources(name: string): Promise<string> {
  const webDir = await mkdtemp(join(tmpdir(), `verdict-${name}-web-`));
  webDirs.push(webDir);
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
  return webDir;
}

/**
 * Serves `app` with the page built in `webDir` in front of it until the end of the test; answers its URL.
 * @example const base = await servePage(createChatApp(options).app, webDir);
 */
export function servePage(app: Express, webDir: string): Promise<string> {
  const outer = express();
  outer.use(express.static(webDir));
  outer.use(app);
  return listen(createServer(outer));
}
