// An esbuild plugin for tsup: compile every source file to its own ESM module instead of one
// bundle. Browser packages need this: zod schemas and TanStack feature objects are built by
// module-level calls a bundler cannot prove pure, so in one big file every component drags in
// every schema; as separate modules under `"sideEffects": false`, an app's bundler drops the ones
// it never imports. Relative imports are kept external, with the `.js` Node's ESM loader needs.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** @returns {import('esbuild').Plugin} */
export function modulePerFile() {
  return {
    name: 'module-per-file',
    setup(build) {
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        const base = resolve(args.resolveDir, args.path);
        if (existsSync(`${base}.ts`) || existsSync(`${base}.tsx`)) return { path: `${args.path}.js`, external: true };
        if (existsSync(join(base, 'index.ts')) || existsSync(join(base, 'index.tsx'))) return { path: `${args.path}/index.js`, external: true };
        return undefined;
      });
    },
  };
}

/** Every source file of a package except tests and test-only helpers, as tsup entry globs. */
export const sourceFiles = ['src/**/*.ts', 'src/**/*.tsx', '!src/**/*.test.ts', '!src/**/*.test.tsx', '!src/**/test-support/**', '!src/**/*.d.ts'];
