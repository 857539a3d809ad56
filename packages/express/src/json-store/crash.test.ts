import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TraceSchema } from '@verdict/core';
import { describe, expect, it } from 'vitest';
import { jsonStore } from './json-store';
import { killChild, startChild } from './test-support/child';
import { useTempDirs } from './test-support/temp-dirs';

const tempDir = useTempDirs('verdict-crash-');

/** Reopens `dir` and checks every acknowledged write is there. */
async function expectAcknowledged(dir: string, lines: string[]): Promise<{ traces: number; assessments: number }> {
  const warnings: string[] = [];
  const store = await jsonStore({ dir, onWarning: (message) => warnings.push(message) });
  try {
    const acknowledged = lines.filter((line) => !line.startsWith('ready')).map((line) => line.split(' '));
    const traceIds = new Set(acknowledged.map(([, traceId]) => traceId!));
    for (const traceId of traceIds) {
      const trace = await store.traces.get(traceId);
      expect(trace, `acknowledged trace ${traceId}`).not.toBeNull();
      TraceSchema.parse(trace);
    }
    const assessments = acknowledged.filter(([kind]) => kind === 'a');
    for (const [, traceId, assessmentId] of assessments) {
      expect(await store.assessments.get(traceId!, assessmentId!), `acknowledged assessment ${assessmentId}`).not.toBeNull();
    }
    // At most one torn record is forgiven, and only with a warning.
    expect(warnings.length).toBeLessThanOrEqual(1);
    return { traces: traceIds.size, assessments: assessments.length };
  } finally {
    await store.close();
  }
}

describe('jsonStore under kill -9', () => {
  it('keeps every acknowledged write when the writer is SIGKILLed mid-load, three times over', async () => {
    const dir = tempDir();
    const seen: string[] = [];
    for (let round = 0; round < 3; round += 1) {
      const { child, lines, waitFor } = startChild(dir, 'load');
      // Killed at a different point each round, while 16 writers are mid-flight.
      await waitFor(300 + round * 250);
      await killChild(child);
      seen.push(...lines);
      const counts = await expectAcknowledged(dir, seen);
      expect(counts.traces).toBeGreaterThan(0);
      expect(counts.assessments).toBeGreaterThan(0);
    }
  }, 30_000);

  it('keeps every acknowledged write when killed while compacting in the background', async () => {
    const dir = tempDir();
    const { child, lines, waitFor } = startChild(dir, 'compact-load');
    // 64 KiB segments, a 128 KiB threshold and 40 traces rewritten over and over: compactions run all along.
    await waitFor(3000);
    await killChild(child);
    await expectAcknowledged(dir, lines);
    const manifest = JSON.parse(await readFile(join(dir, 'verdict-store.json'), 'utf8')) as { compactions: number };
    expect(manifest.compactions).toBeGreaterThan(0);
  }, 30_000);
});
