import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Accuracy tests print their figures; keep them visible.
    silent: false,
    reporters: ['default'],
  },
});
