import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { makeTrace } from '@verdict/core/testing';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE } from './dir-lock';
import { jsonStore } from './json-store';
import { killChild, startChild } from './test-support/child';
import { useTempDirs } from './test-support/temp-dirs';

const tempDir = useTempDirs('verdict-lock-');

/** The pid of a process that has already exited. */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '0']);
  return pid!;
}

describe('jsonStore directory lock', () => {
  it('refuses a directory another process holds, naming its pid, and takes it over once that process is killed', async () => {
    const dir = tempDir();
    const { child, lines, waitFor } = startChild(dir, 'hold');
    try {
      await waitFor(1);
      expect(lines[0]).toBe(`ready ${child.pid}`);
      const error = await jsonStore({ dir }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'UNAVAILABLE' });
      expect((error as Error).message).toContain(`in use by process ${child.pid}`);
      expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: child.pid });
    } finally {
      await killChild(child);
    }
    // kill -9 left its lock file behind: a stale lock, taken over.
    const store = await jsonStore({ dir });
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    await store.traces.put(makeTrace());
    await store.close();
  }, 20_000);

  it('is refused by the child while this process holds the directory', async () => {
    const dir = tempDir();
    const store = await jsonStore({ dir });
    const { child, waitFor } = startChild(dir, 'hold');
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await expect(waitFor(1)).rejects.toThrow();
    expect(await exited).not.toBe(0);
    expect(stderr).toContain(`in use by process ${process.pid}`);
    await store.close();
  }, 20_000);

  it('takes over a stale lock left by a dead pid', async () => {
    const dir = tempDir();
    await (await jsonStore({ dir })).close();
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: deadPid(), hostname: hostname(), since: new Date(0).toISOString() }));
    const store = await jsonStore({ dir });
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    await store.close();
  });

  it('takes over a lock naming this pid that this process does not hold (a restarted container reuses pids)', async () => {
    const dir = tempDir();
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: process.pid, hostname: hostname(), since: new Date(0).toISOString() }));
    await (await jsonStore({ dir })).close();
  });

  it('refuses a lock from another host, saying how to clear it', async () => {
    const dir = tempDir();
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: 1, hostname: 'elsewhere', since: new Date(0).toISOString() }));
    const error = await jsonStore({ dir }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'UNAVAILABLE' });
    expect((error as Error).message).toContain(`locked by process 1 on host elsewhere`);
    expect((error as Error).message).toContain(`delete ${join(dir, LOCK_FILE)}`);
  });

  it('treats an unreadable lock file as stale', async () => {
    const dir = tempDir();
    await (await jsonStore({ dir })).close();
    await writeFile(join(dir, LOCK_FILE), 'garbage');
    await (await jsonStore({ dir })).close();
  });
});
