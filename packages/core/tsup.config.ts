import { defineConfig } from 'tsup';
import { modulePerFile, sourceFiles } from '../../scripts/module-per-file.mjs';

const entry = { index: 'src/index.ts', testing: 'src/testing/index.ts', feedback: 'src/feedback.ts' };
const shared = { sourcemap: true, target: 'es2022', external: ['vitest'] };

export default defineConfig([
  // ESM for bundlers and Node: one module per source file, so apps keep only what they import.
  { ...shared, entry: sourceFiles, outDir: 'dist/esm', format: ['esm'], bundle: true, esbuildPlugins: [modulePerFile()], clean: true },
  // CJS for require() users, one file per entry, plus the declarations of both formats.
  // composite is for `tsc -b`; the declaration bundler needs a plain program.
  { ...shared, entry, outDir: 'dist', format: ['cjs', 'esm'], dts: { entry, compilerOptions: { composite: false } }, clean: false },
]);
