// Feedback writes over HTTP into jsonStore at 1k, 10k and 100k stored traces, beside a bare
// Express route parsing the same body (the ceiling), all in one run. See bench/README.md.
//   node --import tsx bench/json-store.mjs      (defaults: BENCH_SECONDS=5 BENCH_SIZES=1000,10000,100000 BENCH_SETTLE_MS=5000)
// Imports the built packages: run `npm run build` after changing them.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PerformanceObserver, monitorEventLoopDelay } from 'node:perf_hooks';
import { newSpanId, newTraceId } from '@verdict/core';
import { verdict } from '@verdict/express';
import { jsonStore } from '@verdict/express/json-store';
import autocannon from 'autocannon';
import express from 'express';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const SIZES = (process.env.BENCH_SIZES ?? '1000,10000,100000').split(',').map(Number);
const CONNECTIONS = 32;
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 5000);
const T = 1_700_000_000_000;
const BODY = JSON.stringify({ is_correct: false, comment: 'The answer missed the return window for opened items.' });
const LOREM = 'Verdict keeps traces and feedback in an append-only log with an in-memory index. ';

// ---------------------------------------------------------------- server side (a forked child)

/** A ~2 KB trace with 5 spans: a root and four children with small inputs and outputs. */
function benchTrace(index) {
  const trace_id = newTraceId();
  const rootId = newSpanId();
  const start = T + index * 1000;
  const span = (name, span_type, parent_span_id, inputs, outputs) => ({
    trace_id, span_id: parent_span_id === null ? rootId : newSpanId(), parent_span_id, name, span_type,
    start_time_ms: start, end_time_ms: start + 120, status: { code: 'OK' }, inputs, outputs,
    attributes: { 'mlflow.spanType': span_type }, events: [],
  });
  const question = `Question ${index}: can I return an opened item?`;
  return {
    info: {
      trace_id, request_time: start, execution_duration: 120, state: index % 10 === 0 ? 'ERROR' : 'OK',
      request_preview: question, response_preview: LOREM.slice(0, 60),
      tags: { env: index % 2 === 0 ? 'prod' : 'staging', user: `u${index % 100}` }, trace_metadata: { 'mlflow.user': `u${index % 100}` },
      assessments: [],
    },
    data: {
      spans: [
        span('chat', 'CHAIN', null, { message: question }, { response: LOREM.repeat(3) }),
        span('retrieve', 'RETRIEVER', rootId, { query: question }, [{ id: 'doc-1', page_content: LOREM.repeat(3) }]),
        span('build_prompt', 'PARSER', rootId, { docs: 1 }, { prompt: LOREM.repeat(4) }),
        span('generate', 'CHAT_MODEL', rootId, { prompt: LOREM.slice(0, 80) }, { content: LOREM.repeat(2) }),
        span('format', 'PARSER', rootId, { text: LOREM.slice(0, 40) }, { text: LOREM.slice(0, 40) }),
      ],
    },
  };
}

/** Writes traces through the store API until it holds `target`, 256 in flight (group commit batches them). */
async function seed(store, target) {
  let have = (await store.traces.search({ max_results: 1 })).traces.length === 0 ? 0 : await countTraces(store);
  const ids = [];
  while (have < target) {
    const batch = Array.from({ length: Math.min(256, target - have) }, (_, offset) => benchTrace(have + offset));
    await Promise.all(batch.map((trace) => store.traces.put(trace)));
    ids.push(...batch.map((trace) => trace.info.trace_id));
    have += batch.length;
  }
  return ids;
}

async function countTraces(store) {
  let count = 0;
  let page_token;
  do {
    const page = await store.traces.search({ max_results: 1000, ...(page_token ? { page_token } : {}) });
    count += page.traces.length;
    page_token = page.next_page_token;
  } while (page_token);
  return count;
}

async function seedOnly(dir, target) {
  const store = await jsonStore({ dir });
  await seed(store, target);
  await store.close();
  process.exit(0);
}

/** Up to `count` trace ids spread evenly over the whole store, so votes land on old and new traces alike. */
async function sampleIds(store, count) {
  const all = [];
  let page_token;
  do {
    const page = await store.traces.search({ max_results: 1000, ...(page_token ? { page_token } : {}) });
    all.push(...page.traces.map((info) => info.trace_id));
    page_token = page.next_page_token;
  } while (page_token);
  const step = Math.max(1, Math.floor(all.length / count));
  return all.filter((_, index) => index % step === 0);
}

async function serveStore(dir) {
  const opening = performance.now();
  const store = await jsonStore({ dir });
  const openMs = performance.now() - opening;
  globalThis.gc?.();
  const { rss: rssAfterOpen, heapUsed: heapAfterOpen } = process.memoryUsage();
  const ids = await sampleIds(store, 10_000);
  const app = express();
  app.use('/api', verdict({ store, rateLimit: false }).router);
  return { app, store, extra: { openMs, rssAfterOpen, heapAfterOpen, ids } };
}

function serveBare() {
  const app = express();
  app.post('/api/feedback', express.json(), (req, res) => {
    res.json({ status: 'success', trace_id: req.query.trace_id, assessment_ids: [], echoed: typeof req.body.is_correct });
  });
  return { app, store: undefined, extra: { ids: [newTraceId()] } };
}

async function child(kind, dir, target) {
  if (kind === 'seed') return seedOnly(dir, Number(target));
  const { app, store, extra } = kind === 'store' ? await serveStore(dir) : serveBare();
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  // Time the main thread spent in garbage collection, and its longest pause, since the last reset.
  const gc = { totalMs: 0, maxMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gc.totalMs += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
    }
  }).observe({ entryTypes: ['gc'] });
  const server = app.listen(0, '127.0.0.1', () => process.send({ type: 'ready', port: server.address().port, ...extra }));
  process.on('message', async (message) => {
    if (message === 'reset') {
      delay.reset();
      gc.totalMs = 0;
      gc.maxMs = 0;
      process.send({ type: 'reset' });
    } else if (message === 'report') {
      const load = { maxDelayMs: delay.max / 1e6, gcMs: gc.totalMs, gcMaxMs: gc.maxMs };
      // Collected first, so RSS shows what the store keeps rather than garbage not yet reclaimed.
      globalThis.gc?.();
      const { rss, heapUsed } = process.memoryUsage();
      process.send({ type: 'report', ...load, rss, heapUsed });
    } else if (message === 'exit') {
      server.close();
      await store?.close();
      process.exit(0);
    }
  });
}

// ---------------------------------------------------------------- load side (the parent)

function start(kind, dir = '', target = 0) {
  const server = fork(new URL(import.meta.url).pathname, ['--serve', kind, dir, String(target)], {
    execArgv: [...process.execArgv, '--expose-gc'],
  });
  const next = (type) => new Promise((resolve) => server.on('message', function on(message) {
    if (message.type === type) {
      server.off('message', on);
      resolve(message);
    }
  }));
  return { server, next, ready: next('ready') };
}

async function load(port, ids, seconds, connections = CONNECTIONS) {
  let n = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`, connections, duration: seconds,
    requests: [{
      method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY,
      // A different stored trace each request, so writes spread over the index as real votes do.
      setupRequest: (request) => ({ ...request, path: `/api/feedback?trace_id=${ids[(n += 7919) % ids.length]}&user_id=u1` }),
    }],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`load failed: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
}

async function measured(handle, port, ids) {
  await load(port, ids, 1); // warm-up
  handle.server.send('reset');
  await handle.next('reset');
  const result = await load(port, ids, SECONDS);
  handle.server.send('report');
  const report = await handle.next('report');
  return { ...result, maxDelayMs: report.maxDelayMs, gcMs: report.gcMs, gcMaxMs: report.gcMaxMs, rss: report.rss, heapUsed: report.heapUsed };
}

async function searchP50(port) {
  // Sequential requests timed here rather than by autocannon, whose latencies are whole milliseconds.
  const url = `http://127.0.0.1:${port}/api/traces?tag.env=prod&state=OK&max_results=50`;
  const times = [];
  for (let index = 0; index < 300; index += 1) {
    const started = performance.now();
    const response = await fetch(url);
    const body = await response.json();
    if (!response.ok || body.traces.length !== 50) throw new Error(`search failed: ${response.status}`);
    if (index >= 50) times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

async function stop(handle) {
  const exited = new Promise((resolve) => handle.server.once('exit', resolve));
  handle.server.send('exit');
  await exited;
}

async function bareRun() {
  const bare = start('bare');
  const { port, ids } = await bare.ready;
  const result = await measured(bare, port, ids);
  await stop(bare);
  return result;
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'verdict-bench-json-store-'));
  const rows = [];
  const bares = [];
  try {
    for (const size of SIZES) {
      // The ceiling is measured beside every size, so drift on the machine shows in both.
      bares.push(await bareRun());
      // Seeded in a process of its own, so the server's RSS is what opening the store costs.
      const seeding = performance.now();
      const seeder = start('seed', dir, size);
      await new Promise((resolve) => seeder.server.once('exit', resolve));
      const readyMs = performance.now() - seeding;
      // The VM's disk keeps flushing a large seeding burst for a few seconds after its last fsync,
      // which would slow the first writes measured; the store itself is not involved.
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const handle = start('store', dir, size);
      const ready = await handle.ready;
      // Searched before the write load, so pages carry the seeded traces, not the votes piled on them.
      const searchMs = await searchP50(ready.port);
      const result = await measured(handle, ready.port, ready.ids);
      await stop(handle);
      rows.push({ size, ...result, searchMs, openMs: ready.openMs, rssAfterOpen: ready.rssAfterOpen, heapAfterOpen: ready.heapAfterOpen, readyMs });
      console.error(`  ${size} traces: seeded in ${(readyMs / 1000).toFixed(1)} s, ${result.rps.toFixed(0)} writes/s`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // The median of the bare runs (one beside each size) is the ceiling.
  const median = [...bares].sort((a, b) => a.rps - b.rps)[Math.floor(bares.length / 2)];
  const bareRps = median.rps;
  const first = rows[0];
  const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  console.log(`\njsonStore feedback writes, ${CONNECTIONS} connections, ${SECONDS} s each, node ${process.version}, ${os.cpus().length} cores\n`);
  console.log('| stored traces | writes/s | p50 ms | p99 ms | × 1k | × bare | event-loop max ms | GC ms (longest) | GET /traces p50 ms | open ms | heap / RSS after open | heap / RSS after load |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
  console.log(`| bare Express (ceiling) | ${bareRps.toFixed(0)} | ${median.p50} | ${median.p99} | | 1.00 | ${median.maxDelayMs.toFixed(1)} | ${median.gcMs.toFixed(0)} (${median.gcMaxMs.toFixed(1)}) | | | | |`);
  for (const row of rows) {
    console.log(
      `| ${row.size.toLocaleString('en')} | ${row.rps.toFixed(0)} | ${row.p50} | ${row.p99} | ${(row.rps / first.rps).toFixed(2)} | ${(row.rps / bareRps).toFixed(2)} | ` +
        `${row.maxDelayMs.toFixed(1)} | ${row.gcMs.toFixed(0)} (${row.gcMaxMs.toFixed(1)}) | ${row.searchMs.toFixed(1)} | ${row.openMs.toFixed(0)} | ${mb(row.heapAfterOpen)} / ${mb(row.rssAfterOpen)} | ${mb(row.heapUsed)} / ${mb(row.rss)} |`,
    );
  }
  console.log(`\nbare Express runs (writes/s): ${bares.map((bare) => bare.rps.toFixed(0)).join(', ')}`);
  console.log(`seeding through the store API (256 puts in flight): ${rows.map((row) => `${row.size}: ${(row.readyMs / 1000).toFixed(1)} s`).join(', ')}`);
}

if (process.argv[2] === '--serve') await child(process.argv[3], process.argv[4], process.argv[5]);
else await main();
