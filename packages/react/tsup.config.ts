import { copyFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm', 'cjs'],
  // composite is for `tsc -b`; the declaration bundler needs a plain program.
  dts: { compilerOptions: { composite: false } },
  clean: true,
  sourcemap: true,
  target: 'es2022',
  external: ['react'],
  // The stylesheet ships as is (exported as '@verdict/react/styles.css'); no CSS pipeline needed.
  onSuccess: () => copyFile('src/styles.css', 'dist/styles.css'),
});
