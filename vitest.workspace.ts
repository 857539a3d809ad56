import { fileURLToPath } from 'node:url';
import type { TestProjectConfiguration } from 'vitest/config';

// Tests run against each package's source, so editing core needs no rebuild to test express.
const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));
// Exact matches: a prefix alias would turn '@verdict/express/json-store' into 'src/index.ts/json-store'.
const alias = [
  { find: /^@verdict\/core\/testing$/, replacement: source('./packages/core/src/testing/index.ts') },
  { find: /^@verdict\/core\/feedback$/, replacement: source('./packages/core/src/feedback.ts') },
  { find: /^@verdict\/core$/, replacement: source('./packages/core/src/index.ts') },
  { find: /^@verdict\/express\/json-store$/, replacement: source('./packages/express/src/json-store/index.ts') },
  { find: /^@verdict\/express\/mlflow-store$/, replacement: source('./packages/express/src/mlflow-store/index.ts') },
  { find: /^@verdict\/express$/, replacement: source('./packages/express/src/index.ts') },
];

// Stories import the public entry like an app; their tests point it at source, as for the packages.
const storyAlias = [
  ...alias,
  { find: /^@verdict\/react\/styles\.css$/, replacement: source('./packages/react/src/styles.css') },
  { find: /^@verdict\/react$/, replacement: source('./packages/react/src/index.ts') },
];

/** One Vitest project per package; the root vitest.config.ts runs them all. */
export default [
  { resolve: { alias }, test: { name: 'core', root: './packages/core', environment: 'node' } },
  { resolve: { alias }, test: { name: 'express', root: './packages/express', environment: 'node' } },
  { resolve: { alias }, test: { name: 'react', root: './packages/react', environment: 'jsdom' } },
  // axe over a whole table or span tree in jsdom takes seconds on a busy 2-core machine.
  { resolve: { alias: storyAlias }, test: { name: 'stories', root: './stories', environment: 'jsdom', testTimeout: 30_000 } },
  { resolve: { alias }, test: { name: 'chat-app', root: './examples/chat-app', environment: 'node' } },
] satisfies TestProjectConfiguration[];
