// The server's bundle (scripts/serve.mjs): src/server/main.ts for Node, with src/engine and
// src/data compiled in; node_modules (@duckdb/node-api with its native binary) stay external.
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  build: {
    ssr: 'src/server/main.ts',
    outDir: '.server-dist',
    emptyOutDir: true,
    target: 'node20',
  },
});
