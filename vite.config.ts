import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { securityHeaders, securityPlugin } from './security.config.ts';

export default defineConfig({
  plugins: [react(), securityPlugin()],
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: securityHeaders() },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
