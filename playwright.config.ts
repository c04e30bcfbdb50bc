import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./scripts/lib/chromium";
import { WEB_SERVER_ENV, WEB_SERVER_NODE_FLAGS } from "./scripts/lib/web-server-flags";

// Run through `npm run test:e2e` (scripts/test.ts), which prepares a fresh database with demo data,
// builds the app into .next-e2e and sets DATABASE_URL, NEXTAUTH_SECRET and E2E_PORT for this run.
if (!process.env.DATABASE_URL || !process.env.E2E_PORT) {
  throw new Error("Run the browser tests with `npm run test:e2e` (it prepares their database and build).");
}
const PORT = Number(process.env.E2E_PORT);
const WORKER_PORT = Number(process.env.E2E_WORKER_PORT ?? PORT + 1);

export default defineConfig({
  testDir: "./e2e",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: "chromium",
    viewport: { width: 1280, height: 860 },
    trace: "retain-on-failure",
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [
    // The README screenshot first, while the database holds only the demo data.
    { name: "readme", testMatch: /readme-screenshot\.spec\.ts$/ },
    { name: "e2e", testIgnore: /readme-screenshot\.spec\.ts$/, dependencies: ["readme"] },
  ],
  webServer: [
    {
      // With the same heap flags as `npm start`, so every page is tested inside the memory users run it with.
      command: `node ${WEB_SERVER_NODE_FLAGS.join(" ")} node_modules/next/dist/bin/next start -p ${PORT} -H 127.0.0.1`,
      url: `http://127.0.0.1:${PORT}/api/health`,
      env: { ...WEB_SERVER_ENV },
      reuseExistingServer: false,
      timeout: 90_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // The background worker (packet builds, snapshots), as `npm start` runs it.
      command: "node node_modules/tsx/dist/cli.mjs scripts/worker.ts",
      url: `http://127.0.0.1:${WORKER_PORT}/health`,
      env: { WORKER_HEALTH_PORT: String(WORKER_PORT) },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
