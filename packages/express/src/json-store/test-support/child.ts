import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./store-child.ts', import.meta.url));
const TSCONFIG = fileURLToPath(new URL('./tsconfig.child.json', import.meta.url));

/**
 * Starts `store-child.ts` on `dir` through tsx, with core resolved to its source (no build needed); `lines` collects what it printed.
 * @example const { child, waitFor } = startChild(dir, 'hold'); await waitFor(1);
 */
export function startChild(dir: string, mode: string): { child: ChildProcess; lines: string[]; waitFor: (count: number) => Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, mode], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TSX_TSCONFIG_PATH: TSCONFIG },
  });
  const lines: string[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const waiter of waiters.filter((w) => lines.length >= w.count)) waiter.resolve();
  });
  const waitFor = (count: number) =>
    new Promise<void>((resolve, reject) => {
      if (lines.length >= count) return resolve();
      waiters.push({ count, resolve });
      child.once('exit', (code) => reject(new Error(`child exited (${code}) after ${lines.length} lines: ${stderr}`)));
    });
  return { child, lines, waitFor };
}

/** SIGKILLs a child and waits for it to be gone. */
export async function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
