// Test-only: loads exchanges recorded against a real MLflow 3.6.1.dev0 server (copied from the
// shared recordings into ./recorded so a clean clone has them; see ./recorded/README.md).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One recorded HTTP exchange. */
export interface Recorded {
  operation: string;
  request: { method: string; path: string; headers: Record<string, string>; body: unknown };
  response: { status: number; content_type: string; body: unknown };
}

/** Reads `recorded/<name>.json`. */
export function recorded(name: string): Recorded {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`./recorded/${name}.json`, import.meta.url)), 'utf8')) as Recorded;
}
