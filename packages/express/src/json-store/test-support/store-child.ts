// Run as a child process by the crash and lock tests: `node --import tsx store-child.ts <dir> <mode>`.
// It prints one line per acknowledged write, so the parent knows exactly what must survive a SIGKILL.
import { makeAssessment, makeTrace } from '@verdict/core/testing';
import { jsonStore } from '../json-store';

const [dir, mode = 'load'] = process.argv.slice(2);
if (dir === undefined) throw new Error('usage: store-child.ts <dir> <load|compact-load|hold>');

const print = (line: string) => process.stdout.write(`${line}\n`);

const store = await jsonStore(
  mode === 'compact-load' ? { dir, segmentBytes: 64 * 1024, compactAfterBytes: 128 * 1024 } : { dir },
);
print(`ready ${process.pid}`);

if (mode === 'hold') {
  // Keeps the lock until the parent kills this process.
  setInterval(() => undefined, 60_000);
} else {
  // Writers run until killed: puts of new traces, re-puts, feedback and overrides, all concurrent.
  const known: string[] = [];
  let sequence = 0;
  const writer = async (): Promise<never> => {
    for (;;) {
      sequence += 1;
      const n = sequence;
      const target = known[n % Math.max(known.length, 1)];
      // compact-load keeps 40 traces and rewrites them over and over, so most of the log is garbage.
      const newTrace = mode === 'compact-load' ? known.length < 40 : n % 3 === 0;
      if (target === undefined || newTrace) {
        const trace = makeTrace({ request_time: 1_700_000_000_000 + n, tags: { n: String(n) } });
        await store.traces.put(trace);
        known.push(trace.info.trace_id);
        print(`p ${trace.info.trace_id}`);
      } else if (n % 7 === 0 || (mode === 'compact-load' && n % 2 === 0)) {
        // A new version of a stored trace: its assessments must survive it.
        const trace = makeTrace({ trace_id: target, request_time: 1_700_000_000_000 + n, state: 'ERROR' });
        await store.traces.put(trace);
        print(`p ${target}`);
      } else {
        const assessment = await store.assessments.create(makeAssessment(target, { feedback: { value: n } }));
        print(`a ${target} ${assessment.assessment_id}`);
      }
    }
  };
  await Promise.all(Array.from({ length: 16 }, writer));
}
