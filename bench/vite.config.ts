// The bench page (bench/page): kernels in a worker + DuckDB-WASM, built on its own so the app's
// build is untouched. Output goes to bench/data/page-dist (gitignored).
import { defineConfig } from 'vite';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// DuckDB-WASM 1.28.0, the Parquet baseline, if bench/lib/duckdbParquet.mjs has fetched it.
const oldDuckdb = fileURLToPath(
  new URL('./data/duckdb-wasm-1.28.0/package/dist/duckdb-browser.mjs', import.meta.url),
);

export default defineConfig({
  root: fileURLToPath(new URL('./page', import.meta.url)),
  base: './',
  publicDir: false,
  worker: { format: 'es' },
  resolve: {
    alias: {
      'duckdb-wasm-old': existsSync(oldDuckdb)
        ? oldDuckdb
        : fileURLToPath(new URL('./page/oldDuckdbMissing.ts', import.meta.url)),
    },
  },
  build: {
    target: 'es2022',
    outDir: fileURLToPath(new URL('./data/page-dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  preview: { host: '127.0.0.1', port: 4282, strictPort: true },
  logLevel: 'warn',
});
