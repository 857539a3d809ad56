// Time to first render of <TracesTable> with 10,000 rows in real Chromium, against 100 rows (the
// baseline) in the same run, plus frame times while scrolling the 10,000. See bench/README.md.
//   node bench/traces-table.mjs     (defaults: BENCH_ROWS=100,1000,10000 BENCH_RUNS=5)
// Bundles the page from source with esbuild (no package build needed); Chromium is /usr/bin/chromium.
/* global document, requestAnimationFrame -- page.evaluate callbacks run in the browser */
import { bundlePage, launchChromium, loadPage, markPainted, median } from './chromium-page.mjs';

const SIZES = (process.env.BENCH_ROWS ?? '100,1000,10000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

// The page: a provider whose fetch answers GET /traces with `count` rows on one page (marking when
// the answer is handed over), and a TracesTable; marks when rows are in the DOM and painted.
const ENTRY = `
import { createRoot } from 'react-dom/client';
import { TracesTable, VerdictProvider } from '@verdict/react';
import { rowWithAssessments } from './packages/react/src/test-support/trace-rows.ts';

const count = Number(new URLSearchParams(location.hash.slice(1)).get('rows'));
const body = JSON.stringify({ traces: Array.from({ length: count }, (_, n) => rowWithAssessments(n)) });
const fetch = async () => {
  performance.mark('response');
  return new Response(body, { headers: { 'content-type': 'application/json' } });
};
${markPainted('tbody tr[data-trace-id]')}
performance.mark('mount');
createRoot(root).render(
  <VerdictProvider baseUrl="/api" fetch={fetch}>
    <TracesTable defaultPageSize={1000} />
  </VerdictProvider>,
);
`;

const bundled = await bundlePage(ENTRY, 'bench-traces-table.tsx');
const browser = await launchChromium();

async function renderOnce(rows) {
  const { page, times } = await loadPage(browser, bundled, `rows=${rows}`, { width: 1280, height: 800 });
  const result = {
    ...times,
    ...(await page.evaluate(() => ({
      domRows: document.querySelectorAll('tbody tr[data-trace-id]').length,
      rowCount: Number(document.querySelector('table')?.getAttribute('aria-rowcount')) - 1,
    }))),
  };
  return { page, result };
}

/**
 * Scrolls the table's box one step per animation frame and returns the frame durations: `fling`
 * goes top to bottom in 60 steps (every frame shows new rows), `wheel` moves 150 px a frame for 120
 * frames (a fast wheel or trackpad scroll).
 */
async function scrollFrames(page, mode) {
  return page.evaluate(
    (mode) =>
      new Promise((resolve) => {
        const box = document.querySelector('.vd-traces__scroll');
        box.scrollTop = 0;
        const steps = mode === 'fling' ? 60 : 120;
        const step = mode === 'fling' ? (box.scrollHeight - box.clientHeight) / steps : 150;
        const frames = [];
        let last = performance.now();
        let index = 0;
        const tick = (now) => {
          frames.push(now - last);
          last = now;
          if (index++ >= steps) return resolve(frames.slice(1));
          box.scrollTop = index * step;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    mode,
  );
}

const results = [];
const scrolls = {};
for (const rows of SIZES) {
  const totals = [];
  const afterData = [];
  let domRows = 0;
  for (let run = 0; run < RUNS; run++) {
    const { page, result } = await renderOnce(rows);
    if (result.rowCount !== rows) throw new Error(`expected ${rows} rows, the table counts ${result.rowCount}`);
    totals.push(result.total);
    afterData.push(result.afterData);
    domRows = result.domRows;
    if (run === 0) scrolls[rows] = { fling: await scrollFrames(page, 'fling'), wheel: await scrollFrames(page, 'wheel') };
    await page.close();
  }
  results.push({ rows, total: median(totals), afterData: median(afterData), domRows });
}
await browser.close();

const baseline = results[0];
console.log(`\nTracesTable first render in Chromium — median of ${RUNS} page loads, ms (ratio against ${baseline.rows} rows)\n`);
console.log('rows      mount→painted   answer→painted   <tr> in DOM');
for (const { rows, total, afterData, domRows } of results) {
  console.log(
    `${String(rows).padEnd(9)} ${total.toFixed(1).padStart(8)} (${(total / baseline.total).toFixed(2)}×)  ${afterData.toFixed(1).padStart(8)} (${(afterData / baseline.afterData).toFixed(2)}×)  ${String(domRows).padStart(8)}`,
  );
}
console.log('\nScrolling, one step per frame — frame duration, ms (16.7 = 60 fps)');
console.log('rows      fling: top to bottom in 60 frames     wheel: 150 px a frame, 120 frames');
const describe = (frames) => {
  const sorted = [...frames].sort((a, b) => a - b);
  return `median ${median(frames).toFixed(1).padStart(5)}  p95 ${sorted[Math.floor(sorted.length * 0.95)].toFixed(1).padStart(5)}  max ${sorted[sorted.length - 1].toFixed(1).padStart(5)}`;
};
for (const [rows, { fling, wheel }] of Object.entries(scrolls)) {
  console.log(`${rows.padEnd(9)} ${describe(fling)}       ${describe(wheel)}`);
}
