// GET /feedback/summary latency on jsonStore at 10k and 100k traces, beside GET /traces?max_results=100
// on the same store (the baseline), all in one run. See bench/README.md.
//   node bench/feedback-summary.mjs     (defaults: BENCH_SIZES=10000,100000 BENCH_RUNS=30)
// Imports the built packages: run `npm run build:packages` after changing them.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { newAssessmentId, newSpanId, newTraceId } from '@verdict/core';
import { verdict } from '@verdict/express';
import { jsonStore } from '@verdict/express/json-store';
import express from 'express';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const HOUR = 3_600_000;
// One trace a minute, ending now: 100k traces span ~69 days.
const NOW = Date.now();

/** A small one-span trace (the summary never reads spans; their size only slows seeding). */
function benchTrace(index, total) {
  const trace_id = newTraceId();
  const start = NOW - (total - index) * 60_000;
  return {
    info: {
      trace_id, request_time: start, execution_duration: 120, state: index % 10 === 0 ? 'ERROR' : 'OK',
      request_preview: `Question ${index}`, response_preview: 'An answer.', tags: { env: 'prod' }, trace_metadata: {}, assessments: [],
    },
    data: {
      spans: [{
        trace_id, span_id: newSpanId(), parent_span_id: null, name: 'chat', span_type: 'CHAIN', start_time_ms: start,
        end_time_ms: start + 120, status: { code: 'OK' }, inputs: { message: 'q' }, outputs: { response: 'a' }, attributes: {}, events: [],
      }],
    },
  };
}

function feedback(trace_id, name, value, time) {
  return {
    assessment_id: newAssessmentId(), assessment_name: name, trace_id, source: { source_type: 'HUMAN', source_id: 'bench' },
    create_time: time, last_update_time: time, feedback: { value }, valid: true,
  };
}

/** `total` traces; 40 % get a thumbs vote (75 % up), 10 % get two 0–1 ratings. 256 writes in flight. */
async function seed(store, total) {
  for (let done = 0; done < total; ) {
    const batch = Array.from({ length: Math.min(256, total - done) }, (_, offset) => benchTrace(done + offset, total));
    await Promise.all(batch.map((trace) => store.traces.put(trace)));
    const votes = [];
    batch.forEach((trace, offset) => {
      const index = done + offset;
      const { trace_id, request_time } = trace.info;
      if (index % 5 < 2) votes.push(feedback(trace_id, 'user_feedback', index % 20 < 14, request_time + 1000));
      if (index % 10 === 3) {
        votes.push(feedback(trace_id, 'user_accuracy', (index % 5) / 4, request_time + 2000));
        votes.push(feedback(trace_id, 'user_helpfulness', (index % 3) / 2, request_time + 2000));
      }
    });
    await Promise.all(votes.map((vote) => store.assessments.create(vote)));
    done += batch.length;
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const p90 = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.9)];

/** Median and p90 ms of `RUNS` calls of `fn`, after 3 warm-up calls. */
async function time(fn) {
  for (let warm = 0; warm < 3; warm++) await fn();
  const samples = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  return { median: median(samples), p90: p90(samples) };
}

async function getJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

async function benchSize(total) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'verdict-bench-summary-'));
  const store = await jsonStore({ dir });
  try {
    const seeding = performance.now();
    await seed(store, total);
    const seedSeconds = (performance.now() - seeding) / 1000;
    const app = express();
    app.use('/api', verdict({ store }).router);
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const api = `http://127.0.0.1:${server.address().port}/api`;
    const week = `start_time_ms=${NOW - 7 * 24 * HOUR}&end_time_ms=${NOW + 1}&bucket=hour`;
    const check = await getJson(`${api}/feedback/summary`);
    const rows = [
      ['baseline: store.traces.search({ max_results: 100 })', await time(() => store.traces.search({ max_results: 100 }))],
      ['baseline: GET /traces?max_results=100', await time(() => getJson(`${api}/traces?max_results=100`))],
      ['store.traces.summary() — all traces, by day', await time(() => store.traces.summary())],
      ['store.traces.summary() — last 7 days, by hour', await time(() => store.traces.summary({ start_time_ms: NOW - 7 * 24 * HOUR, bucket: 'hour' }))],
      ['GET /feedback/summary — all traces, by day', await time(() => getJson(`${api}/feedback/summary`))],
      ['GET /feedback/summary — all traces, by hour', await time(() => getJson(`${api}/feedback/summary?bucket=hour`))],
      ['GET /feedback/summary — last 7 days, by hour', await time(() => getJson(`${api}/feedback/summary?${week}`))],
    ];
    await new Promise((resolve) => server.close(resolve));
    const heapMb = process.memoryUsage().heapUsed / 1e6;
    return { total, rows, seedSeconds, heapMb, check };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = [];
for (const size of SIZES) results.push(await benchSize(size));

console.log(`\nGET /feedback/summary on jsonStore — median (p90) of ${RUNS} calls, ms; ratio = median / GET /traces?max_results=100 median\n`);
for (const { total, rows, seedSeconds, heapMb, check } of results) {
  const baseline = rows[1][1].median;
  console.log(`${total.toLocaleString('en')} traces (seeded in ${seedSeconds.toFixed(1)} s, heap ${heapMb.toFixed(0)} MB; ` +
    `${check.traces_with_feedback} with feedback, feedback_rate ${check.feedback_rate.toFixed(1)} %, positive_rate ${check.positive_rate.toFixed(1)} %, ${check.buckets.length} day buckets)`);
  for (const [name, { median: m, p90: p }] of rows) {
    console.log(`  ${name.padEnd(52)} ${m.toFixed(2).padStart(8)} (${p.toFixed(2).padStart(7)})   ${(m / baseline).toFixed(2)}×`);
  }
  console.log('');
}
