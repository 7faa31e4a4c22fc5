// The bench page (bench/page): kernels in a worker + DuckDB-WASM, built on its own so the app's
// build is untouched. Output goes to bench/data/page-dist (gitignored).
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('./page', import.meta.url)),
  base: './',
  publicDir: false,
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: fileURLToPath(new URL('./data/page-dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  preview: { host: '127.0.0.1', port: 4282, strictPort: true },
  logLevel: 'warn',
});
