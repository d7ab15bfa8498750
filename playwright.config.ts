import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

// End-to-end tests drive the built workspace (out/renderer; build it first with
// `npx electron-vite build`) in Chromium, through the browser host on a loopback port,
// backed by a fresh store in a temp folder seeded with sample tickets.

const PORT = Number(process.env.SC_E2E_PORT ?? 5399);
const BASE_URL = `http://127.0.0.1:${PORT}/`;

// The config is loaded by the runner and again by every worker; the first load makes the folder
// and passes it on through the environment, so all of them agree on one.
process.env.SC_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'sc-e2e-'));
const dataDir = process.env.SC_E2E_DATA_DIR;

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  globalTeardown: './tests/e2e/global-teardown.ts',
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/Amsterdam',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    command: 'node --import tsx src/main/host/main.ts',
    url: BASE_URL,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
    env: {
      PORT: String(PORT),
      SC_DATA_DIR: dataDir,
      // Raise it for one run to measure at scale (ui-latency.spec.ts): SC_SEED_TICKETS=100000.
      SC_SEED_TICKETS: process.env.SC_SEED_TICKETS ?? '500',
      SC_LOG: 'silent',
      // The journeys here run on a seeded store of their own; sync-*.spec.ts start real backends.
      SC_BACKEND: 'none',
    },
  },
});
