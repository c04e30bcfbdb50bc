// Accessibility: every page a person can reach by following links, signed in as each role on the demo
// data, is checked with axe-core against WCAG 2.0 and 2.1, levels A and AA. A page is checked once it has
// finished loading its data (network idle), so widgets filled by queries are checked too. The crawl
// follows links rather than a list, so a new page is checked as soon as something links to it, and the
// test fails if a page of the app (found on disk) was reached by no role.
import type { Page } from "@playwright/test";
import { axeViolations, type AxeViolation } from "../tests/axe";
import { appPageTemplates } from "./app-pages";
import { test, expect } from "./fixtures";

const DEMO_PASSWORD = "proofline-demo";
const ROLES = ["admin", "lead", "engineer", "auditor"] as const;
// Pages no link leads to, each with the reason it is left to other specs.
const NOT_LINKED = new Map<string, string>([
  ["/signin", "checked signed out below"],
  ["/audits/[auditId]/populations/[populationId]", "the demo data defines no population, so nothing links to one"],
]);
// A few of each shape are enough: a shape is the path with its id-like segments collapsed.
const PER_SHAPE = 2;
const MAX_PAGES_PER_ROLE = 80;

function templateMatches(template: string, pathname: string): boolean {
  const t = template.split("/");
  const p = pathname.split("/");
  return t.length === p.length && t.every((seg, i) => /^\[\w+\]$/.test(seg) || seg === p[i]);
}

function shapeOf(pathname: string): string {
  return pathname
    .split("/")
    .map((s, i, all) =>
      s !== "new" && (/\d/.test(s) || s.length > 24 || ["projects", "controls", "frameworks"].includes(all[i - 1]))
        ? ":x"
        : s,
    )
    .join("/");
}

async function links(page: Page, origin: string): Promise<string[]> {
  const hrefs = await page.$$eval("a[href]:not([download])", (as) => as.map((a) => (a as HTMLAnchorElement).href));
  const out: string[] = [];
  for (const href of hrefs) {
    const url = new URL(href);
    if (url.origin !== origin) continue;
    if (
      /^\/(api|cli|_next)\//.test(url.pathname) ||
      /\/(export|download)(\/|$)|\.(csv|zip|pdf|json)$/.test(url.pathname)
    )
      continue;
    out.push(url.pathname);
  }
  return out;
}

async function crawl(
  page: Page,
  origin: string,
  visitedTemplates: Set<string>,
  templates: string[],
): Promise<Array<{ url: string; violations: AxeViolation[] }>> {
  const seen = new Set<string>();
  const perShape = new Map<string, number>();
  const queue = ["/"];
  const failures: Array<{ url: string; violations: AxeViolation[] }> = [];
  let visited = 0;
  while (queue.length && visited < MAX_PAGES_PER_ROLE) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    const shape = shapeOf(next);
    if ((perShape.get(shape) ?? 0) >= PER_SHAPE) continue;
    perShape.set(shape, (perShape.get(shape) ?? 0) + 1);
    const res = await page.goto(next);
    if (!res || res.status() >= 400) continue; // refused pages (403/404) are not this role's pages
    await page.waitForLoadState("networkidle");
    visited++;
    for (const t of templates) if (templateMatches(t, new URL(page.url()).pathname)) visitedTemplates.add(t);
    const violations = await axeViolations(page);
    if (violations.length) failures.push({ url: next, violations });
    for (const l of await links(page, origin)) if (!seen.has(l)) queue.push(l);
  }
  return failures;
}

test.describe("accessibility (axe, WCAG 2.1 A and AA)", () => {
  test("every page each role can reach has no violations, and every page of the app is reached", async ({
    page,
    signInAs,
    baseURL,
  }) => {
    test.setTimeout(900_000);
    const origin = new URL(baseURL!).origin;
    const templates = appPageTemplates();
    const visitedTemplates = new Set<string>();
    const failures: Array<{ role: string; url: string; violations: AxeViolation[] }> = [];

    await page.goto("/signin");
    await page.waitForLoadState("networkidle");
    for (const v of await axeViolations(page)) failures.push({ role: "signed out", url: "/signin", violations: [v] });

    for (const role of ROLES) {
      await page.context().clearCookies();
      await signInAs(page, { email: `${role}@proofline.test`, password: DEMO_PASSWORD });
      for (const f of await crawl(page, origin, visitedTemplates, templates)) failures.push({ role, ...f });
    }

    expect(failures, "axe violations").toEqual([]);
    const unreached = templates.filter((t) => !visitedTemplates.has(t) && !NOT_LINKED.has(t));
    expect(unreached, "pages of the app that no role reached by following links").toEqual([]);
  });
});
