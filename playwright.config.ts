import { defineConfig } from '@playwright/test';
import { chromiumPath, CHROMIUM_ARGS } from './e2e/fixtures/chromium';

const chromiumLaunch = (): { executablePath?: string } => {
  const found = chromiumPath();
  return found ? { executablePath: found } : {};
};

/**
 * End-to-end tests drive Shipdeck as a person would: browser mode in Debian's Chromium (never a
 * downloaded browser), and the Electron app itself when Electron's binary is present.
 */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'reports/playwright.json' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    viewport: { width: 1360, height: 860 }
  },
  projects: [
    {
      name: 'browser-mode',
      testIgnore: /electron\.spec\.ts/,
      use: {
        browserName: 'chromium',
        launchOptions: { ...chromiumLaunch(), args: CHROMIUM_ARGS }
      }
    },
    { name: 'electron', testMatch: /electron\.spec\.ts/ }
  ]
});
