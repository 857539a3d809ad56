import { defineConfig } from 'vitest/config';
import projects from './vitest.workspace.ts';

// The workspace file alone is deprecated in current Vitest; the root config imports it as `test.projects`.
export default defineConfig({
  test: { projects },
});
