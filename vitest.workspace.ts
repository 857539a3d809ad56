import { fileURLToPath } from 'node:url';
import type { TestProjectConfiguration } from 'vitest/config';

// Tests run against each package's source, so editing core needs no rebuild to test express.
const alias = {
  '@verdict/core/testing': fileURLToPath(new URL('./packages/core/src/testing/index.ts', import.meta.url)),
  '@verdict/express': fileURLToPath(new URL('./packages/express/src/index.ts', import.meta.url)),
  '@verdict/core': fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url)),
};

/** One Vitest project per package; the root vitest.config.ts runs them all. */
export default [
  { resolve: { alias }, test: { name: 'core', root: './packages/core', environment: 'node' } },
  { resolve: { alias }, test: { name: 'express', root: './packages/express', environment: 'node' } },
  { resolve: { alias }, test: { name: 'react', root: './packages/react', environment: 'jsdom' } },
  { resolve: { alias }, test: { name: 'chat-app', root: './examples/chat-app', environment: 'node' } },
] satisfies TestProjectConfiguration[];
