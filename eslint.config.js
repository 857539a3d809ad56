import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = { group: ['node:*'], message: '@verdict/core runs in the browser: no Node built-ins.' };

export default tseslint.config(
  { ignores: ['**/dist/**', '**/dist-web/**', '**/.tsbuild/**', '**/node_modules/**', '**/storybook-static/**', '.verdict-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // The layers point one way: core ← express, core ← react; core imports neither, nor Node.
  {
    files: ['packages/core/src/**/*.ts'],
    ignores: ['packages/core/src/**/*.test.ts'],
    rules: {
      // Type-checking core with its (Node) tests would let these slip into browser code.
      'no-restricted-globals': ['error',
        ...['Buffer', 'process', 'require', '__dirname', '__filename', 'global', 'setImmediate'].map((name) => ({ name, message: '@verdict/core runs in the browser.' })),
      ],
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'react', message: '@verdict/core must not import React.' },
          { name: 'express', message: '@verdict/core must not import Express.' },
          // Core is the browser path of @verdict/react: classic zod costs ~24 KiB gzip there, zod/mini ~4 KiB (bench/bundle-size.mjs).
          ...['zod', 'zod/v4'].map((name) => ({ name, message: "@verdict/core runs in the browser: import * as z from 'zod/mini' (classic zod is ~6x larger)." })),
        ],
        patterns: [nodeBuiltins, { group: ['@verdict/*', 'react-*', 'express-*', 'lowdb', 'lowdb/*'], message: '@verdict/core depends on zod alone.' }],
      }],
    },
  },
  {
    files: ['packages/express/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'react', message: '@verdict/express must not import React.' }],
        patterns: [{ group: ['@verdict/react', '@verdict/react/*'], message: 'express and react never import each other.' }],
      }],
    },
  },
  { files: ['examples/*/public/**/*.js'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['packages/react/src/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
  {
    files: ['packages/react/src/**/*.{ts,tsx}'],
    // Tests start a real Verdict server (Express, Node) for the components to talk to.
    ignores: ['packages/react/src/**/*.test.{ts,tsx}', 'packages/react/src/test-support/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'express', message: '@verdict/react runs in the browser: no Express.' }],
        patterns: [
          { group: ['@verdict/express', '@verdict/express/*'], message: 'express and react never import each other.' },
          { group: ['node:*', 'lowdb', 'lowdb/*'], message: 'a browser bundle never pulls Node built-ins or lowdb.' },
        ],
      }],
    },
  },
  // Stories run in the browser and use the package as an app would (STYLE.md convention 11).
  {
    files: ['stories/**/*.{ts,tsx}', '.storybook/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/packages/*/src', '**/packages/*/src/**', '**/packages/*/dist/**'], message: "Stories import the public entry: '@verdict/react'." }],
      }],
    },
  },
);
