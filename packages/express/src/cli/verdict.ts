// The `verdict` command's logic: `verdict migrate --from <store> --to <store> [--state <file>]` (bin.ts runs it).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { VerdictError } from '@verdict/core';
import { migrateStore } from './migrate';
import type { MigrationCounts, MigrationTotals } from './migrate';
import { createMigrateProgress } from './migrate-progress';
import { describeStoreSpec, openStoreSpec, parseStoreSpec } from './store-spec';

const USAGE = `usage: verdict migrate --from <store> --to <store> [--state <file>]
  <store> is json:<dir> or mlflow:<trackingUri>#<experimentName> (credentials from MLFLOW_TRACKING_USERNAME + MLFLOW_TRACKING_PASSWORD, or MLFLOW_TRACKING_TOKEN)
  copies traces, assessments, label schemas, labeling sessions, datasets and eval runs;
  safe to rerun, and an interrupted run resumes (progress in --state, default .verdict-migrate-<hash>.json)`;

/** Parses `migrate` arguments; throws INVALID_ARGUMENT with the usage on anything else. */
export function parseMigrateArgs(argv: string[]): { from: string; to: string; state: string | undefined } {
  const [command, ...rest] = argv;
  const values: Record<string, string> = {};
  for (let index = 0; index < rest.length; index += 2) {
    const flag = rest[index];
    const value = rest[index + 1];
    if (flag === undefined || !['--from', '--to', '--state'].includes(flag) || value === undefined) throw new VerdictError('INVALID_ARGUMENT', USAGE);
    values[flag.slice(2)] = value;
  }
  if (command !== 'migrate' || values.from === undefined || values.to === undefined) throw new VerdictError('INVALID_ARGUMENT', USAGE);
  return { from: values.from, to: values.to, state: values.state };
}

/** One line of counts per kind. */
export function formatCounts(counts: MigrationCounts): string {
  return Object.entries(counts)
    .map(([kind, count]) => `${kind}: ${count.copied} copied, ${count.present} already there`)
    .join('\n');
}

/** Runs the command; resolves to the exit code. */
export async function main(argv: string[], out = process.stdout, err = process.stderr): Promise<number> {
  let args: ReturnType<typeof parseMigrateArgs>;
  try {
    args = parseMigrateArgs(argv);
  } catch (error) {
    err.write(`${(error as Error).message}\n`);
    return 2;
  }
  const fromSpec = parseStoreSpec(args.from);
  const toSpec = parseStoreSpec(args.to);
  // A typo in --from must not quietly open (and create) an empty JSON store and copy nothing.
  if (fromSpec.kind === 'json' && !existsSync(fromSpec.dir)) {
    err.write(`verdict migrate: --from json:${fromSpec.dir}: no such directory\n`);
    return 2;
  }
  const label = `${describeStoreSpec(fromSpec)} → ${describeStoreSpec(toSpec)}`;
  const state = args.state ?? `.verdict-migrate-${createHash('sha256').update(label).digest('hex').slice(0, 12)}.json`;
  const from = await openStoreSpec(fromSpec);
  try {
    const to = await openStoreSpec(toSpec);
    try {
      err.write(`verdict migrate: ${label}\n`);
      const progress = createMigrateProgress(err);
      let totals: MigrationTotals | undefined;
      const counts = await migrateStore(from, to, {
        stateFile: state,
        onProgress: (so, all) => {
          totals = all;
          progress.update(so, all);
        },
      });
      if (totals !== undefined) progress.finish(counts, totals);
      out.write(`${formatCounts(counts)}\n`);
      return 0;
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}
