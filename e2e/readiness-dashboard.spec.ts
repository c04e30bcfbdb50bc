import { test, expect } from "./fixtures";
import { makeSmallWorld, type SmallWorld } from "../lib/readiness/testing/small-world";

// Each test builds its own small readiness world (see lib/readiness/testing/small-world.ts):
// R-CHG.1 unmet (release-check failed on main 2 days ago), R-BCK.1 unmet (restore drill overdue),
// R-BCK.2 met. Readiness now: 1 of 3; twenty days ago: 2 of 3.

const DAY = 86_400_000;

async function withTrend(factory: { prisma: typeof import("../lib/db").prisma }, w: SmallWorld, days: number) {
  const today = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate());
  await factory.prisma.scoreSnapshot.createMany({
    data: Array.from({ length: days }, (_, i) => {
      const met = i < days / 2 ? 3 : 2;
      return {
        projectId: w.project.id,
        frameworkId: w.framework.id,
        day: new Date(today - (days - i) * DAY),
        score: met / 3,
        met,
        applicable: 3,
        detail: {},
      };
    }),
  });
}

test.describe("readiness dashboard and scorecard", () => {
  test("the dashboard loads with a trend of data points, and a red cell drills down to the failing evidence", async ({
    page,
    factory,
    signInAs,
  }) => {
    const w = await makeSmallWorld(new Date());
    await withTrend(factory, w, 10);
    const lead = await factory.makeUser({ role: "COMPLIANCE_LEAD" });
    await signInAs(page, lead);

    await page.goto("/");
    await expect(page.getByTestId("lead-dashboard")).toBeVisible();
    const card = page.getByRole("region", { name: `${w.project.name}, Framework ${w.framework.key}` });
    await expect(card.getByTestId("card-score")).toHaveText("33%");
    await expect(card).toContainText("1 of 3 requirements met");
    await expect(card).toContainText("▼ down 67 pts since last week");

    // The trend: ten recorded days and today, drawn as points and listed in the table alternative.
    const trend = card.getByTestId("trend");
    await expect(trend.locator(".recharts-line-dots circle")).toHaveCount(11);
    await trend.getByText("Show as a table").click();
    await expect(trend.getByTestId("trend-table").locator("tbody tr")).toHaveCount(11);
    await expect(trend.getByTestId("trend-table").locator("tbody tr").first()).toContainText("33%");

    // What holds it back, for this project, in sentences that link to what they are about.
    await expect(page.getByTestId("holdbacks")).toContainText(
      `R-CHG.1 failing: ${w.failedTitle} failed on main 2 days ago`,
    );

    // Drill down: card -> scorecard -> the red requirement -> its reason -> the failed run.
    await card.getByTestId("card-scorecard-link").click();
    await expect(page).toHaveURL(new RegExp(`/projects/${w.project.slug}/readiness/${w.framework.key}$`));
    await expect(page.getByTestId("scorecard-score")).toHaveText("33%");
    const red = page.locator('[data-testid="req-row"][data-ref="R-CHG.1"]');
    await expect(red).toHaveAttribute("data-status", "unmet");
    await expect(red).toContainText("Not met");
    await red.getByTestId("req-why").click();
    const reason = red.getByTestId("reason-link");
    await expect(reason).toHaveText(`${w.failedTitle} failed on main 2 days ago`);
    await reason.click();
    await expect(page).toHaveURL(new RegExp(`/projects/${w.project.slug}/evidence/${w.failedEvidenceId}$`));
    await expect(page.getByText(w.failedTitle).first()).toBeVisible();
  });

  test("the blocker matrix links each count to its list, and a project page lists its overdue drill first", async ({
    page,
    factory,
    signInAs,
  }) => {
    const w = await makeSmallWorld(new Date());
    await factory.prisma.backlogItem.createMany({
      data: [
        { projectId: w.project.id, title: "Sign the release images", block: "Release", priority: "BLOCKER" },
        { projectId: w.project.id, title: "Pin the CI actions", block: "Release", priority: "HIGH" },
      ],
    });
    const lead = await factory.makeUser({ role: "COMPLIANCE_LEAD" });
    await signInAs(page, lead);
    await page.goto("/");
    const matrix = page.getByTestId("blocker-matrix").getByRole("table", { name: `${w.project.name}: 2 open` });
    const release = matrix.getByRole("row", { name: /^Release/ });
    // An empty cell is a plain 0; a count opens the list of exactly those items.
    await expect(release.getByRole("cell").nth(3)).toHaveText("0");
    await expect(release.getByRole("link")).toHaveCount(2);
    await release.getByRole("link", { name: "1 blocker items open in Release" }).click();
    await expect(page).toHaveURL(
      new RegExp(`/projects/${w.project.slug}/backlog\\?status=NOT_DONE&priority=BLOCKER&block=Release$`),
    );
    await expect(page.getByText("Sign the release images")).toBeVisible();
    await expect(page.getByText("Pin the CI actions")).toHaveCount(0);

    // The restore drill was last exercised 100 days ago on a 90-day cadence: overdue for 10 days.
    await page.goto(`/projects/${w.project.slug}`);
    const drills = page.getByTestId("upcoming-exercise");
    await expect(drills).toContainText("Restore drill");
    await expect(drills).toContainText("Overdue since");
    await expect(drills).toContainText("every 90 days; last exercised");
  });

  test("the as-of date picker changes the figures", async ({ page, factory, signInAs }) => {
    const w = await makeSmallWorld(new Date());
    const lead = await factory.makeUser({ role: "COMPLIANCE_LEAD" });
    await signInAs(page, lead);
    await page.goto(`/projects/${w.project.slug}/readiness/${w.framework.key}`);
    await expect(page.getByTestId("scorecard-score")).toHaveText("33%");
    await expect(page.locator('[data-testid="req-row"][data-status="unmet"]')).toHaveCount(2);

    const past = new Date(Date.now() - 20 * DAY).toISOString().slice(0, 10);
    await page.getByLabel("Readiness as of").fill(past);
    await page.getByRole("button", { name: "Show" }).click();
    await expect(page).toHaveURL(new RegExp(`\\?at=${past}$`));
    await expect(page.getByTestId("scorecard-score")).toHaveText("67%");
    await expect(page.getByTestId("scorecard-as-of")).toContainText("a past date");
    // Twenty days ago the release gate still passed; the audit log of 5 days ago did not exist yet.
    await expect(page.locator('[data-testid="req-row"][data-ref="R-CHG.1"]')).toHaveAttribute("data-status", "met");
    await expect(page.locator('[data-testid="req-row"][data-ref="R-BCK.2"]')).toHaveAttribute("data-status", "unmet");
  });

  test("engineers see their blockers and auditors a pointer to their audits", async ({ page, factory, signInAs }) => {
    const w = await makeSmallWorld(new Date());
    const engineer = await factory.makeUser({ role: "ENGINEER" });
    await factory.prisma.backlogItem.create({
      data: {
        projectId: w.project.id,
        title: `Rotate the signing key ${w.project.slug}`,
        priority: "BLOCKER",
        ownerId: engineer.id,
      },
    });
    await signInAs(page, engineer);
    await page.goto("/");
    await expect(page.getByTestId("engineer-home")).toBeVisible();
    await expect(page.getByTestId("my-blockers")).toContainText(`Rotate the signing key ${w.project.slug}`);

    await page.context().clearCookies();
    const auditor = await factory.makeUser({ role: "AUDITOR" });
    await signInAs(page, auditor);
    await page.goto("/");
    await expect(page.getByTestId("auditor-home-empty")).toContainText("No audit is open to you yet");
  });
});
