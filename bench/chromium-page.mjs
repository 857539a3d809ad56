// What the Chromium render benches share: a page bundled from source with esbuild (no package
// build needed), its paint marks, and Chromium (/usr/bin/chromium) to load it in.
/* global window -- page.evaluate callbacks run in the browser */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';

/** The repo's root: an entry's relative imports resolve from here. */
export const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Page code (for an entry) that marks `rows` when an element matching `selector` is first in the
 * DOM under #root, then `painted` a frame later, and sets `window.__done`. The entry marks `mount`
 * before it renders and `response` when its fetch hands the data over.
 * @example const ENTRY = `…${markPainted('[data-span-id]')}…`;
 */
export function markPainted(selector) {
  return `
const root = document.getElementById('root');
new MutationObserver((_, observer) => {
  if (root.querySelector(${JSON.stringify(selector)}) === null) return;
  observer.disconnect();
  performance.mark('rows');
  // The frame after the rows are in the DOM has painted them.
  requestAnimationFrame(() => setTimeout(() => { performance.mark('painted'); window.__done = true; }));
}).observe(root, { childList: true, subtree: true });
`;
}

/** `@verdict/*` entry points → their source files (exact names, as vitest.workspace.ts maps them). */
function sourceAliases() {
  const entries = {
    '@verdict/react': 'packages/react/src/index.ts',
    '@verdict/core': 'packages/core/src/index.ts',
    '@verdict/core/feedback': 'packages/core/src/feedback.ts',
  };
  return {
    name: 'verdict-source',
    setup(esbuild) {
      esbuild.onResolve({ filter: /^@verdict\// }, (args) => (entries[args.path] ? { path: path.join(ROOT, entries[args.path]) } : undefined));
    },
  };
}

/**
 * Bundles `entry` (TSX, importing `@verdict/*` from source) minified for production, and the
 * HTML page with the package's styles and a #root to run it in.
 * @example const page = await bundlePage(ENTRY, 'bench-traces-table.tsx');
 */
export async function bundlePage(entry, sourcefile) {
  const bundle = await build({
    stdin: { contents: entry, loader: 'tsx', resolveDir: ROOT, sourcefile },
    bundle: true,
    write: false,
    format: 'iife',
    minify: true,
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [sourceAliases()],
    logLevel: 'error',
  });
  const css = readFileSync(path.join(ROOT, 'packages/react/src/styles.css'), 'utf8');
  return {
    script: bundle.outputFiles[0].text,
    html: `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style></head><body><div id="root"></div></body></html>`,
  };
}

/**
 * Launches headless Chromium with the repo's flags.
 * @example const browser = await launchChromium();
 */
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/**
 * Opens a new page at `#hash`, runs the bundle in it and waits until it has painted; answers the
 * page and its times in ms: `total` (mount → painted) and `afterData` (response → painted).
 * @example const { page, times } = await loadPage(browser, bundled, 'rows=1000', { width: 1280, height: 800 });
 */
export async function loadPage(browser, { html, script }, hash, viewport) {
  const page = await browser.newPage({ viewport });
  await page.route('http://bench.invalid/**', (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`http://bench.invalid/#${hash}`);
  await page.addScriptTag({ content: script });
  await page.waitForFunction(() => window.__done === true, null, { timeout: 30_000 });
  const times = await page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0].startTime;
    return { total: at('painted') - at('mount'), afterData: at('painted') - at('response') };
  });
  return { page, times };
}

/**
 * The median (the upper one of an even count).
 * @example median([3, 1, 2]); // 2
 */
export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
