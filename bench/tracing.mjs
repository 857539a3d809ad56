// Verdict tracing bench: what a traced request costs. Run after `npm run build`:
//   node --import tsx bench/tracing.mjs        (defaults: BENCH_SECONDS=5 BENCH_ROUNDS=3 BENCH_LLM_MS=0,20)
// Prints one table. See bench/README.md for what each row measures.
import { fork } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import v8 from 'node:v8';
import vm from 'node:vm';
import { context, ProxyTracerProvider, SpanStatusCode } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { memoryStore } from '@verdict/core';
import { createTraceWriter, runWithTraceWriter, trace } from '@verdict/express';
import autocannon from 'autocannon';
import express from 'express';
// The example app's own modules (TypeScript, hence `node --import tsx`).
import { createChatApp } from '../examples/chat-app/src/app.ts';
import { demoModel } from '../examples/chat-app/src/models.ts';
import { createPipeline, untraced } from '../examples/chat-app/src/pipeline.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
// Simulated model latencies for part (2): 0 is pure CPU (tracing's worst case), 20 a fast model.
const LLM_MS = (process.env.BENCH_LLM_MS ?? '0,20').split(',').filter(Boolean).map(Number); // '' skips part (2)
const MICRO_BATCH = 100; // traces between drains: below BatchSpanProcessor's 2048-span queue, so it never drops
const MICRO_ROUNDS = 9;
const MICRO_BATCHES = 100;
const GOAL_MICRO = 1.5;
const GOAL_HTTP = 0.95;

const MESSAGE = 'How long does standard shipping take, and is it free?';
const DOCS = [
  { id: 'd1', page_content: 'Paris is the capital and largest city of France.', metadata: { doc_uri: 'kb://geo/1' } },
  { id: 'd2', page_content: 'France is a country in Western Europe.', metadata: { doc_uri: 'kb://geo/2' } },
];

// A full GC before each micro sample, so no variant pays for the garbage of the one before it
// (the memoryStore variant leaves thousands of stored traces behind).
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc');

// The steps of a small RAG chat: root + 4 children, the same in every variant.
const steps = {
  retrieve: (_query) => DOCS,
  rerank: (query, docs) => docs.slice().reverse(),
  llm: (prompt) => `Based on the documents: Paris. (${prompt.length} chars of prompt)`,
  format: (text) => ({ response: text.trim() }),
};
const promptOf = (message, docs) => `${docs.map((doc) => doc.page_content).join('\n')}\n\nQ: ${message}`;

// ---- (1) micro: synchronous 5-span traces in a tight loop ------------------------------------

function makeVerdictMicro() {
  const retrieve = trace(function retrieve(query) { return steps.retrieve(query); }, { spanType: 'RETRIEVER' });
  const rerank = trace(function rerank(query, docs) { return steps.rerank(query, docs); }, { spanType: 'RERANKER' });
  const llm = trace(function llm(prompt) { return steps.llm(prompt); }, { spanType: 'LLM' });
  const format = trace(function format(text) { return steps.format(text); }, { spanType: 'PARSER' });
  return trace(function chat(message) {
    const docs = rerank(message, retrieve(message));
    return format(llm(promptOf(message, docs)));
  }, { spanType: 'CHAIN' });
}

// Bare OTel doing the same attribute work Verdict does: type, JSON inputs and outputs, status.
function otelSpan(tracer, name, type, inputs, fn) {
  return tracer.startActiveSpan(name, (span) => {
    span.setAttribute('mlflow.spanType', type);
    span.setAttribute('mlflow.spanInputs', JSON.stringify(inputs));
    const finish = (out) => {
      span.setAttribute('mlflow.spanOutputs', JSON.stringify(out));
      span.setStatus({ code: SpanStatusCode.OK });
      span.end();
      return out;
    };
    const out = fn();
    return out instanceof Promise ? out.then(finish) : finish(out);
  });
}

function makeOtelMicro(tracer) {
  return (message) =>
    otelSpan(tracer, 'chat', 'CHAIN', { message }, () => {
      const found = otelSpan(tracer, 'retrieve', 'RETRIEVER', { query: message }, () => steps.retrieve(message));
      const docs = otelSpan(tracer, 'rerank', 'RERANKER', { query: message, docs: found }, () => steps.rerank(message, found));
      const prompt = promptOf(message, docs);
      const text = otelSpan(tracer, 'llm', 'LLM', { prompt }, () => steps.llm(prompt));
      return otelSpan(tracer, 'format', 'PARSER', { text }, () => steps.format(text));
    });
}

function otelSdkTracer() {
  const exporter = { export: (_spans, done) => done({ code: 0 }), shutdown: async () => {} };
  const provider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
  return { provider, tracer: provider.getTracer('bench') };
}

async function microUsPerTrace(run, drain) {
  const started = performance.now();
  for (let batch = 0; batch < MICRO_BATCHES; batch++) {
    for (let index = 0; index < MICRO_BATCH; index++) run(MESSAGE);
    await drain();
  }
  return ((performance.now() - started) * 1000) / (MICRO_BATCHES * MICRO_BATCH);
}

const noopStore = {
  traces: { put: async () => {}, get: async () => null, search: async () => ({ traces: [] }) },
  assessments: { create: async (a) => a, get: async () => null, delete: async () => {} },
};

async function microPart() {
  const noopWriter = createTraceWriter(noopStore);
  const verdict = makeVerdictMicro();
  const { provider: sdk, tracer: sdkTracer } = otelSdkTracer();
  const variants = {
    noopApi: { run: makeOtelMicro(new ProxyTracerProvider().getTracer('noop')), drain: () => Promise.resolve() },
    otelSdk: { run: makeOtelMicro(sdkTracer), drain: () => sdk.forceFlush() },
    verdictNoop: { run: (m) => runWithTraceWriter(noopWriter, () => verdict(m)), drain: () => noopWriter.flush() },
    verdictMemory: { run: null, drain: null, fresh: true },
    verdictNoWriter: { run: verdict, drain: () => new Promise((resolve) => setImmediate(resolve)) },
  };
  const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let round = -2; round < MICRO_ROUNDS; round++) {
    // A fresh memoryStore per round, so its growth does not tax later rounds.
    const writer = createTraceWriter(memoryStore());
    variants.verdictMemory.run = (m) => runWithTraceWriter(writer, () => verdict(m));
    variants.verdictMemory.drain = () => writer.flush();
    const names = Object.keys(variants);
    if (round % 2 === 1) names.reverse();
    for (const name of names) {
      collectGarbage();
      const us = await microUsPerTrace(variants[name].run, variants[name].drain);
      if (round >= 0) samples[name].push(us); // rounds -2 and -1 warm the JIT up
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, median(values)]));
}

// ---- (2) HTTP: the example app's chat route, traced vs untraced ----------------------------------

const HTTP_VARIANTS = ['untraced', 'traced', 'tracedNoop', 'otel'];

/** The example's offline model, with `llmMs` of simulated latency (0: pure CPU, tracing's worst case). */
function benchModel(llmMs) {
  const model = demoModel();
  if (llmMs === 0) return model;
  return {
    name: model.name,
    complete: async (messages, signal) => {
      await new Promise((resolve) => setTimeout(resolve, llmMs));
      return model.complete(messages, signal);
    },
  };
}

// The example's pipeline with its steps wrapped in bare OpenTelemetry spans doing the same attribute work.
const otelWrap = (tracer) => (fn, { name, spanType }) => (...args) => otelSpan(tracer, name, spanType, { args }, () => fn(...args));

/**
 * One variant of the example's `POST /api/chat`. `traced*`: the example app itself (chatHandler's
 * root span + the 4 traced pipeline steps, token signing, validation). `untraced`: the same pipeline
 * under a plain Express JSON route, i.e. the app without Verdict. `otel`: bare OpenTelemetry spans.
 */
function makeHandler(variant, llmMs) {
  const model = benchModel(llmMs);
  if (variant === 'traced' || variant === 'tracedNoop') {
    const store = variant === 'traced' ? memoryStore() : noopStore;
    return createChatApp({ store, model, feedbackSecret: 'bench-secret-0123456789abcdef', rateLimit: false }).app;
  }
  const tracer = variant === 'otel' ? otelSdkTracer().tracer : undefined;
  const answer = createPipeline(model, tracer ? otelWrap(tracer) : untraced);
  const app = express();
  app.post('/api/chat', express.json(), async (req, res) => {
    const run = async () => ({ response: await answer(req.body.message) });
    res.json(tracer ? await otelSpan(tracer, 'chat', 'CHAIN', { message: req.body.message }, run) : await run());
  });
  return app;
}

function serve(variant, llmMs) {
  if (variant === 'otel') context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  let handler = makeHandler(variant, llmMs);
  const server = http.createServer((req, res) => {
    // A fresh app (and memoryStore) per run, so the traces kept by earlier runs do not tax later ones.
    if (req.url === '/reset') {
      handler = makeHandler(variant, llmMs);
      res.end('ok');
      return;
    }
    handler(req, res);
  });
  server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
}

function startServer(variant, llmMs) {
  return new Promise((resolve, reject) => {
    const child = fork(new URL(import.meta.url), ['--serve', variant, String(llmMs)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', ({ port }) => resolve({ child, url: `http://127.0.0.1:${port}` }));
    child.once('error', reject);
  });
}

async function load(url, seconds) {
  await fetch(`${url}/reset`);
  const result = await autocannon({
    url: `${url}/api/chat`,
    method: 'POST',
    connections: 32,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ message: MESSAGE }),
  });
  if (result.errors > 0 || result.non2xx > 0) throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx`);
  return result.requests.average;
}

async function httpPart(llmMs) {
  const servers = {};
  for (const name of HTTP_VARIANTS) servers[name] = await startServer(name, llmMs);
  try {
    for (const name of HTTP_VARIANTS) await load(servers[name].url, 2); // warm-up
    const samples = Object.fromEntries(HTTP_VARIANTS.map((name) => [name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      // Rotate the order so no variant always runs first (or right after the same neighbour).
      const order = HTTP_VARIANTS.map((_, index) => HTTP_VARIANTS[(index + round) % HTTP_VARIANTS.length]);
      for (const name of order) samples[name].push(await load(servers[name].url, SECONDS));
    }
    return Object.fromEntries(HTTP_VARIANTS.map((name) => [name, { median: median(samples[name]), samples: samples[name] }]));
  } finally {
    for (const { child } of Object.values(servers)) child.kill();
  }
}

// ---- the table -------------------------------------------------------------------------------

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function printTable(micro, httpRuns) {
  const us = (value) => `${value.toFixed(2)} µs`;
  const ratio = (value, base, digits = 2) => `${(value / base).toFixed(digits)}×`;
  const rows = [
    ['(1) µs per 5-span trace', 'no-op OTel API (ProxyTracer, ALS context)', us(micro.noopApi), '', ''],
    ['', 'bare OTel SDK: BatchSpanProcessor, no-op exporter', us(micro.otelSdk), 'baseline', ''],
    ['', 'Verdict → writer with a no-op store', us(micro.verdictNoop), ratio(micro.verdictNoop, micro.otelSdk),
      `≤ ${GOAL_MICRO}× ${micro.verdictNoop / micro.otelSdk <= GOAL_MICRO ? 'met' : 'MISSED'}`],
    ['', 'Verdict → memoryStore (its put: zod parse)', us(micro.verdictMemory), ratio(micro.verdictMemory, micro.otelSdk), '(info)'],
    ['', 'Verdict, no writer in context (not stored)', us(micro.verdictNoWriter), ratio(micro.verdictNoWriter, micro.otelSdk), '(info)'],
  ];
  for (const { llmMs, http } of httpRuns) {
    const part = `(2) req/s, 32 conn, LLM ${llmMs} ms`;
    const base = http.untraced.median;
    const met = http.traced.median / base >= GOAL_HTTP ? 'met' : 'MISSED';
    rows.push(
      [part, "example's pipeline, plain Express route (no Verdict)", `${base.toFixed(0)} req/s`, 'baseline', ''],
      ['', "the example app's /api/chat → memoryStore", `${http.traced.median.toFixed(0)} req/s`, ratio(http.traced.median, base, 3), `≥ ${GOAL_HTTP}× ${met}`],
      ['', "the example app's /api/chat → no-op store", `${http.tracedNoop.median.toFixed(0)} req/s`, ratio(http.tracedNoop.median, base, 3), '(info)'],
      ['', 'plain route, bare OTel SDK (BSP, no-op exporter)', `${http.otel.median.toFixed(0)} req/s`, ratio(http.otel.median, base, 3), '(info)'],
    );
  }
  const header = ['part', 'variant', 'result', 'ratio', 'goal'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  console.log(
    `Verdict tracing bench: node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}); ` +
      `(1) median of ${MICRO_ROUNDS} rounds × ${MICRO_BATCHES * MICRO_BATCH} traces; ` +
      `(2) median of ${ROUNDS} runs × ${SECONDS} s per variant, order rotated`,
  );
  console.log(line(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  for (const { llmMs, http } of httpRuns) {
    const list = (name) => http[name].samples.map((value) => value.toFixed(0)).join('/');
    console.log(`(2) LLM ${llmMs} ms samples, req/s: ${HTTP_VARIANTS.map((name) => `${name} ${list(name)}`).join('; ')}`);
  }
}

if (process.argv[2] === '--serve') {
  serve(process.argv[3], Number(process.argv[4]));
} else {
  // The context manager Verdict would register on first use; set here so every variant shares it.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const micro = await microPart();
  const httpRuns = [];
  for (const llmMs of LLM_MS) httpRuns.push({ llmMs, http: await httpPart(llmMs) });
  printTable(micro, httpRuns);
}
