import { defineConfig } from 'vitest/config';

// Unit tests sit beside their code; cross-part suites in test/ (except Playwright's e2e and the bench).
export default defineConfig({
  test: {
    include: [
      '{shared,electron,renderer,server}/src/**/*.test.{ts,tsx}',
      'test/{integration,fault,property}/**/*.test.ts',
      'scripts/*.test.ts',
      'renderer/build/*.test.ts',
    ],
    environment: 'node',
    // Bounds against a hang on a busy two-core machine, never speed checks (those are in npm run bench).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
