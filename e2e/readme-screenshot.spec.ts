import { test, expect } from "./fixtures";

// Runs before every other spec (its own Playwright project, see playwright.config.ts), so the database
// holds the demo data and nothing else: what a newcomer sees after `npm start`, signed in as the demo lead.
test("the demo lead's overview, fully loaded, is the README screenshot", async ({ page, signInAs }) => {
  await signInAs(page, { email: "lead@proofline.test", password: "proofline-demo" });
  await page.goto("/");
  await expect(page.getByTestId("lead-dashboard")).toBeVisible();
  const cards = page.getByTestId("readiness-card");
  await expect(cards.first()).toBeVisible();
  for (const name of ["RePORT AI Portal", "DataCue Orchestrator", "Lexecon", "MLSDM Engine"]) {
    await expect(page.getByTestId("overview-projects")).toContainText(name);
  }
  // Every widget has its data: no loading line left on the page, and each trend has points to show.
  await expect(page.getByTestId("holdbacks")).toBeVisible();
  await expect(page.getByTestId("blocker-matrix")).toBeVisible();
  await expect(
    page.getByText(/Computing readiness|Finding what holds|Looking 30 days ahead|Counting open backlog/),
  ).toHaveCount(0);
  await expect(cards.first().locator(".recharts-line-dots circle").first()).toBeVisible();
  await page.screenshot({ path: "docs/screenshot.png", fullPage: false });
});
