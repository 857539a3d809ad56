// Verdict evaluation bench: rows/s of `evaluate()` (1) with a zero-latency code scorer, against
// calling the same scorer in a plain loop (the framework's overhead), and (2) with an LLM judge
// whose OpenAI-compatible server answers in 50 ms, at concurrency 8 (the ceiling is 8 × 20 = 160 rows/s).
// Run after `npm run build` (it imports the BUILT packages and the `openai` client):
//   node bench/evaluation.mjs
//   BENCH_ROWS=10000 BENCH_JUDGE_ROWS=800 BENCH_JUDGE_MS=50 BENCH_CONCURRENCY=8 BENCH_ROUNDS=5 node bench/evaluation.mjs   # the defaults
// Prints one table; every ratio is against a figure measured in the same run.
import http from 'node:http';
import { memoryStore } from '@verdict/core';
import { correctness, evaluate, scorer } from '@verdict/express';
import OpenAI from 'openai';

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000);
const JUDGE_ROWS = Number(process.env.BENCH_JUDGE_ROWS ?? 800);
const JUDGE_MS = Number(process.env.BENCH_JUDGE_MS ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const records = (count) =>
  Array.from({ length: count }, (_, index) => ({ inputs: { question: `q${index}` }, outputs: `a${index}`, expectations: { expected_response: `a${index}` } }));

// ---- (1) framework overhead: a scorer that costs nothing ------------------------------------
const ok = scorer('ok', ({ outputs, expectations }) => outputs === expectations.expected_response);
const data = records(ROWS);

async function plainLoop() {
  const context = { signal: new AbortController().signal, judge: undefined };
  const started = performance.now();
  let passed = 0;
  for (const record of data) {
    if (await ok.score({ inputs: record.inputs, outputs: record.outputs, expectations: record.expectations, trace: undefined }, context)) passed += 1;
  }
  if (passed !== ROWS) throw new Error('the baseline scored wrong');
  return ROWS / ((performance.now() - started) / 1000);
}

async function evaluateRecords() {
  const started = performance.now();
  const run = await evaluate({ data, scorers: [ok], concurrency: CONCURRENCY });
  if (run.aggregates.ok.pass_rate !== 1 || run.rows.length !== ROWS) throw new Error('evaluate scored wrong');
  return ROWS / ((performance.now() - started) / 1000);
}

// With an app: every row is a trace (root span + write to a memoryStore) and the score an assessment on it.
async function evaluateTraced() {
  const started = performance.now();
  const run = await evaluate({ data, predictFn: ({ question }) => `a${String(question).slice(1)}`, scorers: [ok], concurrency: CONCURRENCY, store: memoryStore() });
  if (run.aggregates.ok.pass_rate !== 1) throw new Error('evaluate (traced) scored wrong');
  return ROWS / ((performance.now() - started) / 1000);
}

// ---- (2) an LLM judge answering in JUDGE_MS ------------------------------------------------
function startJudgeServer() {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
          JSON.stringify({
            id: 'chatcmpl-bench',
            object: 'chat.completion',
            created: 1_700_000_000,
            model: 'bench-judge',
            choices: [{ index: 0, message: { role: 'assistant', content: '{"rationale":"matches","value":true}', refusal: null }, finish_reason: 'stop', logprobs: null }],
            usage: { prompt_tokens: 120, completion_tokens: 8, total_tokens: 128 },
          }),
        );
      }, JUDGE_MS),
    );
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function evaluateJudge(baseURL) {
  const started = performance.now();
  const run = await evaluate({
    data: records(JUDGE_ROWS),
    scorers: [correctness()],
    concurrency: CONCURRENCY,
    judge: { baseURL, apiKey: 'bench', model: 'bench-judge', maxConcurrent: CONCURRENCY },
  });
  if (run.aggregates.correctness.pass_rate !== 1) throw new Error(`the judge run failed: ${JSON.stringify(run.aggregates)}`);
  return { rowsPerSecond: JUDGE_ROWS / ((performance.now() - started) / 1000), usage: run.usage };
}

// The same calls without Verdict: the openai client in CONCURRENCY plain workers (what this machine's HTTP stack allows).
async function rawJudgeCalls(baseURL) {
  const client = new OpenAI({ baseURL, apiKey: 'bench', maxRetries: 0 });
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < JUDGE_ROWS) {
        next += 1;
        const completion = await client.chat.completions.create({ model: 'bench-judge', messages: [{ role: 'user', content: 'q' }], response_format: { type: 'json_object' } });
        JSON.parse(completion.choices[0].message.content);
      }
    }),
  );
  return JUDGE_ROWS / ((performance.now() - started) / 1000);
}

// Warm up the JIT on a small slice of each variant before measuring.
await evaluate({ data: data.slice(0, 500), scorers: [ok] });
const baseline = [];
const plain = [];
const traced = [];
for (let round = 0; round < ROUNDS; round++) {
  baseline.push(await plainLoop());
  plain.push(await evaluateRecords());
  traced.push(await evaluateTraced());
}
const judgeServer = await startJudgeServer();
const baseURL = `http://127.0.0.1:${judgeServer.address().port}/v1`;
await evaluateJudge(baseURL); // warm-up: sockets and the openai client
await rawJudgeCalls(baseURL);
const judgeRuns = [];
const rawRuns = [];
for (let round = 0; round < 3; round++) {
  rawRuns.push(await rawJudgeCalls(baseURL));
  judgeRuns.push(await evaluateJudge(baseURL));
}
const judge = judgeRuns.sort((a, b) => a.rowsPerSecond - b.rowsPerSecond)[1];
const raw = median(rawRuns);
judgeServer.close();

const ceiling = CONCURRENCY * (1000 / JUDGE_MS);
const format = (value) => Math.round(value).toLocaleString('en-US');
const rows = [
  ['plain loop calling the scorer (baseline)', format(median(baseline)), '1.00'],
  ['evaluate(), records with outputs', format(median(plain)), (median(plain) / median(baseline)).toFixed(3)],
  ['evaluate() + predictFn (a trace per row)', format(median(traced)), (median(traced) / median(baseline)).toFixed(3)],
  [`openai client alone, ${CONCURRENCY} workers, server at ${JUDGE_MS} ms (judge baseline)`, format(raw), `${(raw / ceiling).toFixed(3)} of ${format(ceiling)}`],
  [`evaluate() + correctness judge, concurrency ${CONCURRENCY}`, format(judge.rowsPerSecond), `${(judge.rowsPerSecond / raw).toFixed(3)} of baseline, ${(judge.rowsPerSecond / ceiling).toFixed(3)} of ${format(ceiling)}`],
];
console.log(`\nVerdict evaluation bench — ${ROWS.toLocaleString('en-US')} rows × ${ROUNDS} rounds (median); judge: ${JUDGE_ROWS} rows × 3 rounds (median); node ${process.version}\n`);
console.log('| variant | rows/s | ratio |\n|---|---:|---:|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
console.log(`\njudge tokens summed by the run: ${judge.usage.judge_prompt_tokens} prompt + ${judge.usage.judge_completion_tokens} completion (${JUDGE_ROWS} calls × 120 + 8)`);
