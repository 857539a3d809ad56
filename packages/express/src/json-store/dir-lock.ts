import { hostname } from 'node:os';
import { link, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { VerdictError } from '@verdict/core';

/** The lock file's name inside a store directory. */
export const LOCK_FILE = 'LOCK';

// Which directories this process holds. Process-wide on purpose, like the lock file itself: a LOCK
// naming our own pid that is not in here was left by an earlier process that had the same pid
// (a container's app is often pid 1 on every start), so it is stale.
const heldHere = new Set<string>();

interface LockOwner {
  pid: number;
  hostname: string;
  since: string;
}

/** Held for as long as a store is open; `release()` is idempotent. */
export interface DirLock {
  release(): Promise<void>;
}

function isAlive(pid: number): boolean {
  try {
    // Signal 0 checks for existence without signalling; EPERM means it exists under another user.
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(file: string): Promise<LockOwner | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<LockOwner>;
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, hostname: String(parsed.hostname), since: String(parsed.since) } : undefined;
  } catch {
    // Missing, or not ours to read (edited by hand): nobody provably holds it.
    return undefined;
  }
}

/**
 * Takes the directory's lock file (an exclusive hard link, holding the owner's pid), so two processes
 * never append to the same log. A lock left by a process that no longer exists on this host is
 * taken over; a live owner makes this throw `UNAVAILABLE` naming it.
 * @example const lock = await lockDir('/var/lib/verdict'); …; await lock.release();
 */
export async function lockDir(dir: string): Promise<DirLock> {
  const file = join(dir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, hostname: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    // Written aside then hard-linked into place: the link is atomic and fails if LOCK exists, so
    // LOCK is never seen half-written and a half-written one never passes for stale.
    const temporary = join(dir, `.${LOCK_FILE}.${process.pid}.tmp`);
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(JSON.stringify(me));
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await link(temporary, file);
      heldHere.add(file);
      let released = false;
      return {
        async release() {
          if (released) return;
          released = true;
          heldHere.delete(file);
          await rm(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await rm(temporary, { force: true });
    }
    const owner = await readOwner(file);
    if (heldHere.has(file)) {
      throw new VerdictError('UNAVAILABLE', `store directory ${dir} is already open in this process; close the other store first`);
    }
    if (owner !== undefined && owner.hostname !== me.hostname) {
      // A pid from another machine cannot be checked; taking it over could let two hosts append to one log.
      throw new VerdictError(
        'UNAVAILABLE',
        `store directory ${dir} is locked by process ${owner.pid} on host ${owner.hostname} (since ${owner.since}); ` +
          `if that host no longer uses it, delete ${file}`,
      );
    }
    if (owner !== undefined && owner.pid !== process.pid && isAlive(owner.pid)) {
      throw new VerdictError(
        'UNAVAILABLE',
        `store directory ${dir} is in use by process ${owner.pid} (since ${owner.since}); ` +
          `one process owns a store: stop it, or use another directory`,
      );
    }
    // Stale: its owner is gone. Remove and retry the exclusive create, so two racing takers cannot both win.
    await rm(file, { force: true });
  }
  throw new VerdictError('UNAVAILABLE', `could not take the lock ${file}; another process keeps recreating it`);
}
