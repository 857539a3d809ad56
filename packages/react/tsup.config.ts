import { copyFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';
import { modulePerFile, sourceFiles } from '../../scripts/module-per-file.mjs';

const entry = { index: 'src/index.ts' };
const shared = { sourcemap: true, target: 'es2022', external: ['react'] };

export default defineConfig([
  // ESM: one module per source file, so an app that shows only FeedbackButtons never loads the
  // table or form code (their module-level setup is not provably pure; see module-per-file.mjs).
  { ...shared, entry: sourceFiles, outDir: 'dist/esm', format: ['esm'], bundle: true, esbuildPlugins: [modulePerFile()], clean: true },
  // CJS for require() users, plus the declarations of both formats.
  // composite is for `tsc -b`; the declaration bundler needs a plain program.
  {
    ...shared,
    entry,
    outDir: 'dist',
    format: ['cjs', 'esm'],
    dts: { entry, compilerOptions: { composite: false } },
    clean: false,
    // The stylesheet ships as is (exported as '@verdict/react/styles.css'); no CSS pipeline needed.
    onSuccess: () => copyFile('src/styles.css', 'dist/styles.css'),
  },
]);
