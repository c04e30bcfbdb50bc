// What a page costs a browser opening it cold: script bytes transferred by the load event and after it,
// everything transferred, and the largest contentful paint. Used by bench:web (every main page) and
// bench:dashboard (the lead's dashboard under the API load figures).
import type { Browser } from "@playwright/test";
import { chromiumLaunchOptions } from "./chromium";

export interface PageFigures {
  /** Script bytes as transferred (compressed, with headers) that arrived by the load event. */
  firstLoadJs: number;
  /** Script bytes fetched after the load event (lazily loaded chunks such as the charts). */
  laterJs: number;
  /** Every byte transferred until the network went idle. */
  total: number;
  /** Largest contentful paint, ms after navigation start. */
  lcp: number;
  /** Network idle after, ms. */
  idle: number;
}

export interface PageToMeasure {
  path: string;
  /** Session cookie value (next-auth.session-token); none for a signed-out page. */
  session?: string;
  /** A test id that is on the page once its content is there (waited for before LCP is read). */
  readyTestId?: string;
}

export const FIRST_LOAD_JS_BUDGET = 200 * 1024;
export const LCP_BUDGET_MS = 1200;

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("@playwright/test");
  return chromium.launch(chromiumLaunchOptions());
}

/** One cold load: a fresh browser context (empty cache), bytes from the DevTools protocol. */
async function loadOnce(browser: Browser, appUrl: string, target: PageToMeasure): Promise<PageFigures> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  try {
    if (target.session)
      await context.addCookies([{ name: "next-auth.session-token", value: target.session, url: appUrl }]);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    const types = new Map<string, string>();
    let loaded = false;
    const f: PageFigures = { firstLoadJs: 0, laterJs: 0, total: 0, lcp: NaN, idle: NaN };
    cdp.on("Network.responseReceived", (e) => types.set(e.requestId, e.type));
    cdp.on("Network.loadingFinished", (e) => {
      f.total += e.encodedDataLength;
      if (types.get(e.requestId) !== "Script") return;
      if (loaded) f.laterJs += e.encodedDataLength;
      else f.firstLoadJs += e.encodedDataLength;
    });
    page.on("load", () => (loaded = true));
    await page.addInitScript(() => {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) (window as unknown as { __lcp: number }).__lcp = e.startTime;
      }).observe({ type: "largest-contentful-paint", buffered: true });
    });
    const started = Date.now();
    const res = await page.goto(appUrl + target.path, { waitUntil: "networkidle" });
    f.idle = Date.now() - started;
    if (!res || !res.ok()) throw new Error(`${target.path} answered ${res?.status() ?? "nothing"}`);
    if (new URL(page.url()).pathname !== new URL(appUrl + target.path).pathname)
      throw new Error(`${target.path} ended on ${page.url()} (not signed in?)`);
    if (target.readyTestId) await page.getByTestId(target.readyTestId).first().waitFor();
    f.lcp = await page.evaluate(() => (window as unknown as { __lcp?: number }).__lcp ?? NaN);
    return f;
  } finally {
    await context.close();
  }
}

/** Median of `runs` cold loads after one warm-up load (which compiles nothing in a production build, but fills the server's caches). */
export async function measurePage(
  browser: Browser,
  appUrl: string,
  target: PageToMeasure,
  runs = 5,
): Promise<PageFigures> {
  const all: PageFigures[] = [];
  for (let i = 0; i <= runs; i++) {
    const f = await loadOnce(browser, appUrl, target);
    if (i > 0) all.push(f);
  }
  // A load whose LCP was not reported (NaN) is left out of that figure's median rather than breaking the sort.
  const median = (k: keyof PageFigures) => {
    const values = all
      .map((r) => r[k])
      .filter(Number.isFinite)
      .sort((a, b) => a - b);
    return values.length ? values[Math.floor(values.length / 2)] : NaN;
  };
  return {
    firstLoadJs: median("firstLoadJs"),
    laterJs: median("laterJs"),
    total: median("total"),
    lcp: median("lcp"),
    idle: median("idle"),
  };
}

export const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
export const ms = (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)} ms` : "-");
