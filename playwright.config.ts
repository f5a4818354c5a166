import { defineConfig } from '@playwright/test';
import { chromiumArgs, chromiumExecutable } from './test/support/chromium';

export default defineConfig({
  testDir: 'test/e2e',
  globalSetup: './test/e2e/support/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Several PCs in one Chromium on two shared cores: a generous bound, never a speed check.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL: process.env.DVC_E2E_BASE_URL,
    trace: 'retain-on-failure',
    launchOptions: { executablePath: chromiumExecutable, args: [...chromiumArgs] },
  },
});
