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
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
