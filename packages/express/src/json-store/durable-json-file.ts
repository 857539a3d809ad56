import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VerdictError } from '@verdict/core';
import type { Adapter } from 'lowdb';
import { replaceFile } from './segment-files';

/**
 * A lowdb adapter whose writes are durable: lowdb's own `JSONFile` renames without fsync, which
 * survives a process crash but not a power cut. A file that is not JSON is an error naming it,
 * never an empty document.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(
    private readonly dir: string,
    private readonly name: string,
  ) {}

  async read(): Promise<T | null> {
    const file = join(this.dir, this.name);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new VerdictError('INTERNAL', `json store: ${file}: not valid JSON (${(error as Error).message}); fix or remove the file`, { cause: error });
    }
  }

  async write(data: T): Promise<void> {
    await replaceFile(this.dir, this.name, `${JSON.stringify(data, null, 2)}\n`);
  }
}
