// The auditor page walk: every page of the app (found on disk, so a new page is walked without anyone
// remembering to add it), opened in the browser as an auditor with real ids, while evidence and
// drills lie a second before the window opens, a second after it closes, and inside the window of a
// project the auditor is not granted. Neither the rendered page nor any response the page fetched
// may name them (by id, title, file name or digest). The API side, counts included, is pinned by
// lib/audits/auditor-walk.int.test.ts.
import { test, expect } from "./fixtures";
import { appPageTemplates } from "./app-pages";
import { JUST_AFTER, JUST_BEFORE, auditorWalkWorld, type Leak } from "../lib/audits/testing/auditor-walk-world";
import { expandTemplate, type WalkWorld as World } from "../tests/auditor-walk";
import { TEST_PASSWORD } from "../tests/factories";

function urls(template: string, w: World, leak: Leak): string[] {
  const base = expandTemplate(template, w, leak).map((o) => o.path);
  // Anything computed "as of" a moment, asked for moments outside the window.
  if (/\/readiness(\/\[framework\])?$/.test(template)) {
    const iso = (d: Date) => encodeURIComponent(d.toISOString());
    return base.flatMap((u) => [u, `${u}?at=${iso(JUST_BEFORE)}`, `${u}?at=${iso(JUST_AFTER)}`]);
  }
  return base;
}

test.describe("an auditor's pages stay inside the granted projects and window", () => {
  test("no page, and nothing a page fetches, names evidence or drills outside the window or the grant", async ({
    page,
    signInAs,
  }) => {
    test.setTimeout(600_000);
    const w = await auditorWalkWorld();
    const leak = await w.makeLeak();
    await signInAs(page, { email: w.auditor.email, password: TEST_PASSWORD });

    const fetched: Array<{ url: string; text: string }> = [];
    page.on("response", async (res) => {
      const type = res.headers()["content-type"] ?? "";
      if (!/json|text|csv/.test(type)) return;
      fetched.push({ url: res.url(), text: await res.text().catch(() => "") });
    });

    const templates = appPageTemplates();
    expect(templates).toContain("/projects/[slug]/readiness/[framework]");
    const found: string[] = [];
    let visited = 0;
    for (const template of templates) {
      if (template === "/signin") continue;
      for (const url of urls(template, w, leak)) {
        fetched.length = 0;
        await page.goto(url);
        await page.waitForLoadState("networkidle");
        visited++;
        const html = await page.content();
        // Ids, titles, file names and digests (the bare random tag is left out: eight hex digits can
        // turn up by chance in a page's asset names).
        for (const n of leak.needles.filter((x) => x.length > 8)) {
          if (url.includes(n)) continue; // a not-found page may echo the id it was asked for
          if (html.includes(n)) found.push(`${url} shows ${n}`);
          for (const f of fetched)
            if (f.text.includes(n) && !f.url.includes(n)) found.push(`${url} fetched ${f.url}, which names ${n}`);
        }
      }
    }
    expect(visited).toBeGreaterThan(40);
    expect(found).toEqual([]);

    // The walk saw real data: the in-window evidence on its page, and the scorecard, clamped into the window.
    await page.goto(`/projects/${w.granted.slug}/evidence/${w.inside.id}`);
    await expect(page.getByTestId("evidence-title")).toHaveText(w.inside.title);
    await expect(page.getByTestId("evidence-collected")).toBeVisible();
  });
});
