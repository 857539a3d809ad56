import type { StorybookConfig } from '@storybook/react-vite';

// Stories import '@verdict/react' like an app would: it resolves through the workspace symlink to
// the built package (packages/react/dist), so `npm run build` must run first.
const config: StorybookConfig = {
  framework: { name: '@storybook/react-vite', options: {} },
  stories: ['../stories/**/*.stories.@(ts|tsx)'],
  core: { disableTelemetry: true },
  // The one large chunk is Storybook's own preview runtime (~1.1 MB), not ours: silence its warning.
  viteFinal: (vite) => ({ ...vite, build: { ...vite.build, chunkSizeWarningLimit: 1500 } }),
};
export default config;
