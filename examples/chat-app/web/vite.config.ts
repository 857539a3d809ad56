import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Run from the example's folder (`vite build --config web/vite.config.ts`), so paths are pinned
// to this file rather than to the working directory.
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: '../dist-web', emptyOutDir: true },
  // `vite dev` alone has no API: send it to `npm start`'s server.
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
