// What a browser pays for Verdict: gzip bytes of a minified esbuild bundle per entry point.
// Run after `npm run build`: it bundles the BUILT packages, as an app's bundler would.
// `node bench/bundle-size.mjs` prints the table; other benches import `measureBundles` (no output).
import { realpathSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const benchDir = dirname(fileURLToPath(import.meta.url));
// Inside the repo, not /tmp: esbuild resolves bare imports by walking up to the repo's node_modules.
const tmpDir = join(benchDir, '.bundle-tmp');

// Each entry keeps what it imports alive (a bare import would be tree-shaken to nothing).
export const entries = [
  ['createClient', `import { createClient } from '@verdict/core'; export default createClient;`],
  ['parseSseStream', `import { parseSseStream } from '@verdict/core'; export default parseSseStream;`],
  ['StreamEventSchema', `import { StreamEventSchema } from '@verdict/core'; export default StreamEventSchema;`],
  ["everything from '@verdict/core'", `import * as all from '@verdict/core'; export default all;`],
  ["VerdictProvider ('@verdict/react')", `import { VerdictProvider } from '@verdict/react'; export default VerdictProvider;`],
  ['createChatController', `import { createChatController } from '@verdict/core'; export default createChatController;`],
  ["FeedbackButtons ('@verdict/react', goal ≤ 5 KiB)", `import { FeedbackButtons } from '@verdict/react'; export default FeedbackButtons;`],
  [
    "StreamingChat + FeedbackButtons + VerdictProvider ('@verdict/react', goal ≤ 20 KiB)",
    `import { StreamingChat, FeedbackButtons, VerdictProvider } from '@verdict/react'; export default [StreamingChat, FeedbackButtons, VerdictProvider];`,
  ],
  ["anchor: 'zod' (classic), one schema", `import * as z from 'zod'; export default z.object({ a: z.string() });`],
  ["anchor: 'zod/mini', one schema", `import * as z from 'zod/mini'; export default z.object({ a: z.string() });`],
];

async function measure(name, source, index) {
  const entry = join(tmpDir, `entry-${index}.mjs`);
  await writeFile(entry, source);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    external: ['react', 'react-dom', 'react/*', 'react-dom/*'],
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { name, minified: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

/**
 * Bundles each `[name, source]` entry as above and returns `{ name, minified, gzip }` (bytes) per
 * entry, in order. Uses (and removes) `bench/.bundle-tmp`, so run one measurement at a time.
 */
export async function measureBundles(list) {
  await rm(tmpDir, { recursive: true, force: true });
  await mkdir(tmpDir, { recursive: true });
  try {
    const rows = [];
    for (const [index, [name, source]] of list.entries()) rows.push(await measure(name, source, index));
    return rows;
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
}

const kb = (bytes) => (bytes / 1024).toFixed(1);

const runAsScript = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href;
if (runAsScript) {
  const rows = await measureBundles(entries);
  console.log('| entry point | minified bytes | gzip bytes | gzip KiB |');
  console.log('|---|---:|---:|---:|');
  for (const row of rows) console.log(`| ${row.name} | ${row.minified} | ${row.gzip} | ${kb(row.gzip)} |`);
}
