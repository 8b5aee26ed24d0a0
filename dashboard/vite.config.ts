import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The dashboard's build (Vite: `dashboard/dist`, served by the gateway at `/`) and its component
 * tests (Vitest with jsdom). In development (`vite` in `dashboard/`), API calls go to the gateway
 * on port 4000.
 */
export default defineConfig({
  root,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 1000 },
  server: { proxy: { '/graphql': { target: 'http://localhost:4000', ws: true } } },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    restoreMocks: true,
  },
});
