import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code (src/**); integration tests live in tests/integration.
// End-to-end tests (tests/e2e) belong to Playwright, not vitest.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { SC_LOG: 'silent' },
  },
});
