// Labeling on jsonStore: claim, submit labels and the reviewer's queue against sessions of 100 to
// 3,000 items, beside one POST /feedback vote on the same store (the baseline), all in one run.
// A session is one document (session + items), so these grow with the session's size; the vote does not.
//   node bench/labeling.mjs     (defaults: BENCH_SIZES=100,1000,3000 BENCH_RUNS=20)
// Imports the built packages: run `npm run build:packages` after changing them.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createReviewClient } from '@verdict/core';
import { verdict } from '@verdict/express';
import { jsonStore } from '@verdict/express/json-store';
import express from 'express';

const SIZES = (process.env.BENCH_SIZES ?? '100,1000,3000').split(',').map(Number);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const USERS = { dev: { id: 'dev', role: 'developer' }, ann: { id: 'ann', role: 'reviewer' } };

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const p90 = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length * 0.9)];

/** Median and p90 ms of `RUNS` calls of `fn(run)`, after 2 warm-up calls. */
async function time(fn) {
  for (let warm = 0; warm < 2; warm++) await fn(RUNS + warm);
  const samples = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await fn(run);
    samples.push(performance.now() - started);
  }
  return { median: median(samples), p90: p90(samples) };
}

async function benchSize(total) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'verdict-bench-labeling-'));
  const store = await jsonStore({ dir });
  const app = express();
  app.use('/api', verdict({ store, rateLimit: false, authorize: (req) => USERS[(req.get('authorization') ?? '').replace('Bearer ', '')] ?? null }).router);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const api = `http://127.0.0.1:${server.address().port}/api`;
  const as = (user) => createReviewClient({ baseUrl: api, headers: { authorization: `Bearer ${user}` } });
  try {
    const dev = as('dev');
    const ann = as('ann');
    const seeding = performance.now();
    await dev.createDataset({ name: 'bench' });
    await dev.upsertDatasetRecords('bench', { records: Array.from({ length: total }, (_, n) => ({ inputs: { question: `Question ${n}?` } })) });
    const session = await dev.createLabelingSession({ name: 'bench', assigned_users: ['ann'], label_schemas: ['expected_response', 'expected_facts'] });
    const id = session.labeling_session_id;
    const { items } = await dev.addLabelingItems(id, { dataset: 'bench' });
    const seedSeconds = (performance.now() - seeding) / 1000;
    // Half the items already labeled, so documents carry labels as a real session would; enough
    // left open for each timed claim and submit to take an item of its own.
    const labels = { expected_response: 'An answer of a realistic length, a sentence or two long.', expected_facts: ['one fact', 'another fact'] };
    const labeled = labeledCount(total);
    for (const item of items.slice(0, labeled)) await ann.submitLabels(id, item.item_id, { labels });
    const open = items.slice(labeled);
    const vote = (run) =>
      fetch(`${api}/feedback?trace_id=${items[run % items.length].trace_id}&user_id=u${run}`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ is_correct: run % 2 === 0 }),
      }).then((response) => response.json());
    const rows = [
      ['baseline: POST /feedback (one vote)', await time(vote)],
      ['POST .../items/:id/claim', await time((run) => ann.claimLabelingItem(id, open[run].item_id))],
      ['POST .../items/:id/labels (2 schemas)', await time((run) => ann.submitLabels(id, open[RUNS + 2 + run].item_id, { labels }))],
      ['GET .../items?assignee=me', await time(() => ann.listLabelingItems(id, { assignee: 'me' }))],
      ['GET /labeling-sessions/:id (progress)', await time(() => ann.getLabelingSession(id))],
    ];
    return { total, rows, seedSeconds };
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const labeledCount = (total) => Math.max(0, Math.min(Math.floor(total / 2), total - 2 * (RUNS + 2)));
const results = [];
for (const size of SIZES) results.push(await benchSize(size));

console.log(`\nLabeling on jsonStore — median (p90) of ${RUNS} calls, ms; ratio = median / POST /feedback median (same store)\n`);
for (const { total, rows, seedSeconds } of results) {
  const baseline = rows[0][1].median;
  console.log(`${total.toLocaleString('en')} items, ${labeledCount(total)} labeled (seeded in ${seedSeconds.toFixed(1)} s)`);
  for (const [name, { median: m, p90: p }] of rows) {
    console.log(`  ${name.padEnd(42)} ${m.toFixed(2).padStart(8)} (${p.toFixed(2).padStart(7)})   ${(m / baseline).toFixed(2)}×`);
  }
  console.log('');
}
