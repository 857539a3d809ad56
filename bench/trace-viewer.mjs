// Time to first render of <TraceViewer> with a 5,000-span trace in real Chromium, against a
// 50-span trace (the baseline) and a plain, non-virtualised list of the same 5,000 spans, all in
// the same run. See bench/README.md.
//   node bench/trace-viewer.mjs     (defaults: BENCH_SPANS=50,5000 BENCH_RUNS=5)
// Bundles the page from source with esbuild (no package build needed); Chromium is /usr/bin/chromium.
// The callbacks given to page.evaluate run in the browser, where these exist.
/* global document, KeyboardEvent, requestAnimationFrame */
import { bundlePage, launchChromium, loadPage, markPainted, median } from './chromium-page.mjs';

const SIZES = (process.env.BENCH_SPANS ?? '50,5000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

// The page: `#spans=N&view=viewer|plain`. The viewer gets the trace through a provider whose fetch
// answers GET /traces/:id (marking when it hands the answer over); "plain" renders every span as a
// div with its waterfall bar, no virtualiser, from the same data. Marks when rows are painted.
const ENTRY = `
import { createRoot } from 'react-dom/client';
import { TraceViewer, VerdictProvider, buildSpanTree } from '@verdict/react';
import { largeTrace } from './packages/react/src/test-support/trace-fixtures.ts';

const params = new URLSearchParams(location.hash.slice(1));
const trace = largeTrace(Number(params.get('spans')));
const body = JSON.stringify(trace);
const fetch = async () => {
  performance.mark('response');
  return new Response(body, { headers: { 'content-type': 'application/json' } });
};

function PlainList() {
  const { byId, start, end } = buildSpanTree(trace.data.spans);
  const total = end - start;
  performance.mark('response');
  return (
    <div role="list">
      {[...byId.values()].map(({ span, depth }) => (
        <div role="listitem" key={span.span_id} className="vd-span-row" data-span-id={span.span_id} style={{ position: 'relative' }}>
          <span style={{ paddingInlineStart: depth * 14 }}>{span.name}</span>
          <span className="vd-span-row__track"><span className="vd-span-row__bar" style={{ left: ((span.start_time_ms - start) / total) * 100 + '%', width: ((span.end_time_ms - span.start_time_ms) / total) * 100 + '%' }} /></span>
          <span>{Math.round(span.end_time_ms - span.start_time_ms)} ms</span>
        </div>
      ))}
    </div>
  );
}

${markPainted('[data-span-id]')}
performance.mark('mount');
createRoot(root).render(
  params.get('view') === 'plain' ? <PlainList /> : (
    <VerdictProvider baseUrl="/api" fetch={fetch}>
      <TraceViewer traceId={trace.info.trace_id} />
    </VerdictProvider>
  ),
);
`;

const bundled = await bundlePage(ENTRY, 'bench-trace-viewer.tsx');
const browser = await launchChromium();

async function renderOnce(spans, view) {
  const { page, times } = await loadPage(browser, bundled, `spans=${spans}&view=${view}`, { width: 1400, height: 900 });
  const result = { ...times, domRows: await page.locator('[data-span-id]').count() };
  let select = null;
  if (view === 'viewer') {
    // Keyboard End on the tree: the last span becomes selected and its details render.
    select = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const tree = document.querySelector('[role="tree"]');
          tree.focus();
          const started = performance.now();
          tree.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
          const check = () => {
            const label = document.querySelector('.vd-span-details')?.getAttribute('aria-label') ?? '';
            if (label !== 'Span step_1' && label.startsWith('Span ')) requestAnimationFrame(() => resolve(performance.now() - started));
            else requestAnimationFrame(check);
          };
          check();
        }),
    );
  }
  await page.close();
  return { ...result, select };
}

const variants = [...SIZES.map((spans) => ({ spans, view: 'viewer' })), { spans: Math.max(...SIZES), view: 'plain' }];
const results = [];
for (const variant of variants) {
  const runs = [];
  for (let run = 0; run < RUNS; run++) runs.push(await renderOnce(variant.spans, variant.view));
  results.push({
    ...variant,
    total: median(runs.map((run) => run.total)),
    afterData: median(runs.map((run) => run.afterData)),
    select: variant.view === 'viewer' ? median(runs.map((run) => run.select)) : null,
    domRows: runs[0].domRows,
  });
}
await browser.close();

const baseline = results[0];
console.log(`\nTraceViewer first render in Chromium — median of ${RUNS} page loads, ms (ratio against ${baseline.spans} spans in the viewer)\n`);
console.log('what                                    mount→painted     answer→painted    End→details   rows in DOM');
for (const { spans, view, total, afterData, select, domRows } of results) {
  const name = view === 'viewer' ? `TraceViewer, ${spans} spans` : `plain list (no virtualiser), ${spans} spans`;
  console.log(
    `${name.padEnd(39)} ${total.toFixed(1).padStart(8)} (${(total / baseline.total).toFixed(2)}×)  ${afterData.toFixed(1).padStart(8)} (${(afterData / baseline.afterData).toFixed(2)}×)  ${select === null ? '           —' : select.toFixed(1).padStart(12)}  ${String(domRows).padStart(10)}`,
  );
}
