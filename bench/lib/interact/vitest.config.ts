import { defineConfig } from 'vitest/config';

// Only the interaction bench's measurement (resamples.test.ts); not part of npm test.
export default defineConfig({
  test: { include: ['bench/lib/interact/*.test.ts'], environment: 'node' },
});
