// How every browser this repository starts is launched: Debian's chromium (apt-get install chromium;
// Playwright's own browser download is unreachable), headless, without the background services a
// throwaway profile does not need. Used by playwright.config.ts, tests/served and the page-weight benches.
import type { LaunchOptions } from "@playwright/test";

export function chromiumLaunchOptions(): LaunchOptions {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--headless=new",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  };
}
