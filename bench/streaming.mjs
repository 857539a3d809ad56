// Verdict streaming bench: SSE throughput and time to first byte of `streamHandler` against a raw
// `res.write` route, renders per second of `<StreamingChat>` under a fast stream, bundle sizes.
// Run after `npm run build` (it imports the BUILT packages):
//   node bench/streaming.mjs        (or node --import tsx bench/streaming.mjs; about 15 s)
//   BENCH_TOKENS=10000 BENCH_RUNS=11 BENCH_TTFB=50 BENCH_RENDER_RUNS=3 node bench/streaming.mjs   # the defaults
// Prints one table. See bench/README.md for what each row measures.
import { fork } from 'node:child_process';
import os from 'node:os';
import { memoryStore } from '@verdict/core';
import { verdict } from '@verdict/express';
import express from 'express';
import { measureBundles } from './bundle-size.mjs';

// React must run its production build (a development build renders several times slower).
process.env.NODE_ENV = 'production';

const TOKENS = Number(process.env.BENCH_TOKENS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const WARM_UP_RUNS = 5; // per route, before (1) is measured: one 10,000-token stream lasts only tens of ms
const TTFB_REQUESTS = Number(process.env.BENCH_TTFB ?? 50);
const RENDER_RUNS = Number(process.env.BENCH_RENDER_RUNS ?? 3);
const SHORT_TOKENS = 10; // the answers of the time-to-first-byte requests
const PACE_EVERY = 5; // the paced stream of (3) pauses 1 ms every this many tokens: ~2 s for 10,000
const TOKEN = ' word'; // one short token
const GOAL_RATIO = 0.5;
const GOAL_RENDERS = 60;
const GOAL_FEEDBACK_KIB = 5;
const GOAL_CHAT_KIB = 20;
// The issue's anchors, measured the same way elsewhere; `@ai-sdk/react` and assistant-ui are not installed here.
const QUOTED_ANCHORS = [
  ["anchor: `useChat` ('@ai-sdk/react')", 56],
  ['anchor: a minimal assistant-ui chat', 115],
];

// The same headers `streamHandler` sends.
const SSE_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
};

// ---- the server (a child process, so the client does not share its event loop) ----------------

async function* tokens(count) {
  for (let index = 0; index < count; index++) yield TOKEN;
}

/** The same tokens spread over about two seconds, so a render rate per second means something. */
async function* pacedTokens(count) {
  for (let index = 0; index < count; index++) {
    if (index % PACE_EVERY === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    yield TOKEN;
  }
}

/** The baseline: the same token events written in a loop, waiting for `drain` when the buffer is full. */
function rawRoute(count) {
  return async (_req, res) => {
    res.writeHead(200, SSE_HEADERS);
    for (let index = 0; index < count && !res.destroyed; index++) {
      if (!res.write(`data: ${JSON.stringify({ type: 'token', content: TOKEN })}\n\n`)) {
        await new Promise((resolve) => {
          const done = () => {
            res.off('drain', done);
            res.off('close', done);
            resolve();
          };
          res.on('drain', done);
          res.on('close', done);
        });
      }
    }
    res.end();
  };
}

function serve() {
  const v = verdict({ store: memoryStore(), rateLimit: false, feedbackSecret: 'bench-secret-0123456789abcdef', onError: (error) => console.error(error) });
  v.router.post('/chat/stream', v.streamHandler(() => tokens(TOKENS)));
  v.router.post('/chat/short', v.streamHandler(() => tokens(SHORT_TOKENS)));
  v.router.post('/chat/paced', v.streamHandler(() => pacedTokens(TOKENS)));
  const app = express();
  app.use('/api', v.router);
  // express.json() like streamHandler's own body parsing: both routes read the same request.
  app.post('/raw/stream', express.json(), rawRoute(TOKENS));
  app.post('/raw/short', express.json(), rawRoute(SHORT_TOKENS));
  const server = app.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
}

function startServer() {
  return new Promise((resolve, reject) => {
    const child = fork(new URL(import.meta.url), ['--serve'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', ({ port }) => resolve({ child, url: `http://127.0.0.1:${port}` }));
    child.once('error', reject);
  });
}

// ---- (1) and (2): a fetch client reading as fast as it can -------------------------------------

const BODY = JSON.stringify({ message: 'Tell me everything.' });

/** POSTs, reads the whole body; times the first body byte and the end, counts SSE events (blank lines). */
async function readStream(url) {
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  let firstByte;
  let events = 0;
  let previous = 0;
  for await (const chunk of response.body) {
    firstByte ??= performance.now();
    for (let index = 0; index < chunk.length; index++) {
      if (chunk[index] === 10 && previous === 10) events++;
      previous = chunk[index];
    }
  }
  return { ttfbMs: firstByte - started, totalMs: performance.now() - started, events };
}

async function eventsPerSecond(url, extraEvents) {
  const { totalMs, events } = await readStream(url);
  // streamHandler also sends `start` and `done`; only the token events are counted.
  if (events !== TOKENS + extraEvents) throw new Error(`${url}: ${events} events, expected ${TOKENS + extraEvents}`);
  return (TOKENS * 1000) / totalMs;
}

async function throughputPart(url) {
  const variants = { raw: [`${url}/raw/stream`, 0], verdict: [`${url}/api/chat/stream`, 2] };
  const samples = { raw: [], verdict: [] };
  for (let round = -WARM_UP_RUNS; round < RUNS; round++) {
    const names = round % 2 === 0 ? ['raw', 'verdict'] : ['verdict', 'raw'];
    for (const name of names) {
      const value = await eventsPerSecond(...variants[name]);
      if (round >= 0) samples[name].push(value); // negative rounds warm up
    }
  }
  return samples;
}

async function ttfbPart(url) {
  const variants = { raw: `${url}/raw/short`, verdict: `${url}/api/chat/short` };
  const samples = { raw: [], verdict: [] };
  for (let round = -10; round < TTFB_REQUESTS; round++) {
    const names = round % 2 === 0 ? ['raw', 'verdict'] : ['verdict', 'raw'];
    for (const name of names) {
      const { ttfbMs } = await readStream(variants[name]);
      if (round >= 0) samples[name].push(ttfbMs);
    }
  }
  return samples;
}

// ---- (3) <StreamingChat> in jsdom -----------------------------------------------------------------

/** A jsdom window as the global browser environment, with jsdom's own 60 Hz requestAnimationFrame. */
async function setUpDom() {
  const { JSDOM } = await import('jsdom');
  const { window } = new JSDOM('<!doctype html><html><body></body></html>', { url: 'http://localhost/', pretendToBeVisual: true });
  const names = ['window', 'document', 'navigator', 'HTMLElement', 'Element', 'Node', 'Event', 'MutationObserver', 'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame'];
  for (const name of names) {
    const value = name === 'window' ? window : window[name];
    Object.defineProperty(globalThis, name, { value: typeof value === 'function' && /^[a-z]/.test(name) ? value.bind(window) : value, configurable: true, writable: true });
  }
  return window;
}

/** requestAnimationFrame callbacks per second, chained for two seconds (first to last frame). */
function frameRate(window) {
  return new Promise((resolve) => {
    let frames = 0;
    let first;
    const tick = () => {
      const now = performance.now();
      first ??= now;
      if (now - first < 2000) {
        frames++;
        window.requestAnimationFrame(tick);
      } else resolve((frames * 1000) / (now - first));
    };
    window.requestAnimationFrame(tick);
  });
}

/** Counts the animation frames that run a callback (core's chat controller asks for them through globalThis). */
function countFrames(window) {
  const counter = { frames: 0 };
  globalThis.requestAnimationFrame = (callback) =>
    window.requestAnimationFrame((time) => {
      counter.frames++;
      callback(time);
    });
  return counter;
}

/**
 * One answer of TOKENS tokens into a fresh `<StreamingChat>`: React commits from send to done, of
 * which those while streaming after `start` (token frames), and the animation frames that ran.
 */
async function renderRun(window, { React, createRoot, StreamingChat, frameCounter }, api, path) {
  const container = window.document.createElement('div');
  window.document.body.append(container);
  const root = createRoot(container);
  let counting = false;
  let commits = 0;
  let tokenCommits = 0;
  let streamingSeen = false;
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  const onRender = () => {
    if (!counting) return;
    commits++;
    // Called in the commit, after the DOM changed: data-state is the chat's status.
    const state = container.querySelector('.vd-chat')?.getAttribute('data-state');
    if (state === 'streaming') {
      if (streamingSeen) tokenCommits++;
      streamingSeen = true;
    } else if (streamingSeen && state !== 'submitted') finish({ ms: performance.now() - started, state });
  };
  root.render(React.createElement(React.Profiler, { id: 'chat', onRender }, React.createElement(StreamingChat, { baseUrl: api, path })));
  await new Promise((resolve) => setTimeout(resolve, 50));
  const textarea = container.querySelector('textarea');
  Object.getOwnPropertyDescriptor(window.HTMLTextAreaElement.prototype, 'value').set.call(textarea, 'Tell me everything.');
  textarea.dispatchEvent(new window.Event('input', { bubbles: true }));
  await new Promise((resolve) => setTimeout(resolve, 50));
  counting = true;
  const framesBefore = frameCounter.frames;
  const started = performance.now();
  container.querySelector('button[type="submit"]').click();
  const timeout = setTimeout(() => finish({ ms: NaN, state: 'timeout' }), 60_000);
  const { ms, state } = await finished;
  clearTimeout(timeout);
  counting = false;
  const frames = frameCounter.frames - framesBefore;
  const answer = [...container.querySelectorAll('.vd-message--assistant .vd-message__content')].at(-1)?.textContent ?? '';
  root.unmount();
  container.remove();
  if (state !== 'ready' || answer.length !== TOKENS * TOKEN.length) {
    throw new Error(`StreamingChat ended as ${state} with ${answer.length} characters, expected ${TOKENS * TOKEN.length}`);
  }
  return { commits, tokenCommits, frames, ms };
}

async function renderPart(api) {
  const window = await setUpDom();
  // Imported only now: React DOM decides at load time whether it runs in a DOM.
  const React = (await import('react')).default;
  // The profiling build: production React with <Profiler onRender> working.
  const { createRoot } = await import('react-dom/profiling');
  const { StreamingChat } = await import('@verdict/react');
  const hz = await frameRate(window);
  const frameCounter = countFrames(window);
  const react = { React, createRoot, StreamingChat, frameCounter };
  const fast = [];
  const paced = [];
  for (let run = 0; run < RENDER_RUNS; run++) {
    fast.push(await renderRun(window, react, api, '/chat/stream'));
    paced.push(await renderRun(window, react, api, '/chat/paced'));
  }
  window.close();
  return { hz, fast, paced };
}

// ---- (4) bundle sizes -------------------------------------------------------------------------------

async function bundlePart() {
  const [feedback, chat] = await measureBundles([
    ['FeedbackButtons', `import { FeedbackButtons } from '@verdict/react'; export default FeedbackButtons;`],
    ['StreamingChat + FeedbackButtons + VerdictProvider', `import { StreamingChat, FeedbackButtons, VerdictProvider } from '@verdict/react'; export default [StreamingChat, FeedbackButtons, VerdictProvider];`],
  ]);
  return { feedback, chat };
}

// ---- the table ----------------------------------------------------------------------------------------

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const met = (ok) => (ok ? 'met' : 'MISSED');

function printTable({ throughput, ttfb, render, bundles }) {
  const raw = median(throughput.raw);
  const streamed = median(throughput.verdict);
  const rawTtfb = median(ttfb.raw);
  const verdictTtfb = median(ttfb.verdict);
  const renderRow = (runs) => {
    const rates = runs.map(({ commits, ms }) => (commits * 1000) / ms);
    const rate = median(rates);
    const { commits, tokenCommits, frames, ms } = runs[rates.indexOf(rate)] ?? runs[0];
    const detail = `${commits} commits (${tokenCommits} token, ${frames} frames) in ${(ms / 1000).toFixed(2)} s`;
    // A run shorter than a second renders `commits` times within that second.
    const perSecond = commits / Math.max(ms / 1000, 1);
    const goal = `≤ ${GOAL_RENDERS} ${met(perSecond <= GOAL_RENDERS)}${ms < 1000 ? ` (${commits} in < 1 s)` : ''}`;
    return [`${rate.toFixed(1)} /s`, detail, goal];
  };
  const kib = (bytes) => bytes / 1024;
  const events = `${TOKENS.toLocaleString('en')} tokens`;
  const rows = [
    [`(1) SSE events/s, ${events}`, 'raw Express route: res.write loop, waits for drain', `${raw.toFixed(0)} ev/s`, 'baseline', ''],
    ['', 'v.streamHandler, async generator → memoryStore', `${streamed.toFixed(0)} ev/s`, `${(streamed / raw).toFixed(2)}×`, `≥ ${GOAL_RATIO}× ${met(streamed / raw >= GOAL_RATIO)}`],
    [`(2) time to first body byte, ${SHORT_TOKENS}-token answer`, 'raw Express route', `${rawTtfb.toFixed(2)} ms`, 'baseline', ''],
    ['', 'v.streamHandler (first byte: the `start` event)', `${verdictTtfb.toFixed(2)} ms`, `+${(verdictTtfb - rawTtfb).toFixed(2)} ms`, '(info)'],
    [`(3) <StreamingChat> renders/s, ${events}`, 'as fast as possible: commits ÷ send-to-done time', ...renderRow(render.fast)],
    ['', `paced (1 ms pause every ${PACE_EVERY} tokens)`, ...renderRow(render.paced)],
    ['(4) gzip KiB (esbuild, minified, React external)', "FeedbackButtons ('@verdict/react')", `${kib(bundles.feedback.gzip).toFixed(1)} KiB`, '', `≤ ${GOAL_FEEDBACK_KIB} KiB ${met(kib(bundles.feedback.gzip) <= GOAL_FEEDBACK_KIB)}`],
    ['', 'StreamingChat + FeedbackButtons + VerdictProvider', `${kib(bundles.chat.gzip).toFixed(1)} KiB`, '', `≤ ${GOAL_CHAT_KIB} KiB ${met(kib(bundles.chat.gzip) <= GOAL_CHAT_KIB)}`],
    ...QUOTED_ANCHORS.map(([name, value]) => ['', name, `${value} KiB`, 'quoted, not measured', '']),
  ];
  const header = ['part', 'variant', 'result', 'ratio', 'goal'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  console.log(
    `Verdict streaming bench: node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}); server in a child process, ` +
      `fetch client on 127.0.0.1; (1) median of ${RUNS} runs per route; (2) median of ${TTFB_REQUESTS} requests per route; ` +
      `(3) median of ${RENDER_RUNS} runs, requestAnimationFrame: jsdom's (pretendToBeVisual), measured ${render.hz.toFixed(1)} Hz`,
  );
  console.log(line(header));
  console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
  const list = (values, digits) => values.map((value) => value.toFixed(digits)).join('/');
  console.log(`(1) samples, ev/s: raw ${list(throughput.raw, 0)}; streamHandler ${list(throughput.verdict, 0)}`);
  const runs = (list) => list.map(({ commits, tokenCommits, frames, ms }) => `${commits}/${tokenCommits}/${frames} in ${ms.toFixed(0)} ms`).join('; ');
  console.log(`(3) samples, commits/token commits/frames: as fast as possible ${runs(render.fast)}; paced ${runs(render.paced)}`);
}

if (process.argv[2] === '--serve') {
  serve();
} else {
  const bundles = await bundlePart();
  const { child, url } = await startServer();
  try {
    const throughput = await throughputPart(url);
    const ttfb = await ttfbPart(url);
    const render = await renderPart(`${url}/api`);
    printTable({ throughput, ttfb, render, bundles });
  } finally {
    child.kill();
  }
}
