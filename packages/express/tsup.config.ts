import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts', 'json-store': 'src/json-store/index.ts', 'mlflow-store': 'src/mlflow-store/index.ts', cli: 'src/cli/bin.ts' },
  format: ['esm', 'cjs'],
  // composite is for `tsc -b`; the declaration bundler needs a plain program.
  dts: { compilerOptions: { composite: false } },
  clean: true,
  sourcemap: true,
  target: 'node20',
});
