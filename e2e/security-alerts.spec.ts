// The security alerts page: open alerts by age against their deadline, the time-to-fix chart (with its
// table and an empty state), and the deadlines form; checked with axe-core (WCAG 2.0/2.1 A and AA).
import { axeViolations } from "../tests/axe";
import { test, expect } from "./fixtures";

const DAY = 86_400_000;

test.describe("security alerts", () => {
  test("open alerts against their deadlines, time to fix as a chart and a table, deadlines a lead can change; axe clean", async ({
    page,
    factory,
    signInAs,
  }) => {
    const lead = await factory.makeUser({ role: "COMPLIANCE_LEAD" });
    const project = await factory.makeProject({ name: `Alerts ${factory.uniq("e2e")}` });
    const now = Date.now();
    const alert = (number: number, severity: string, openedDaysAgo: number, closedDaysAgo: number | null) => ({
      projectId: project.id,
      source: "dependabot",
      repo: "example/ledger",
      number,
      kind: "DEPENDENCY_AUDIT" as const,
      severity,
      title: `advisory ${number}`,
      url: `https://github.com/example/ledger/security/dependabot/${number}`,
      state: closedDaysAgo === null ? "open" : "fixed",
      openedAt: new Date(now - openedDaysAgo * DAY),
      closedAt: closedDaysAgo === null ? null : new Date(now - closedDaysAgo * DAY),
      closeReason: closedDaysAgo === null ? null : "fixed",
    });
    await factory.prisma.securityAlert.createMany({
      data: [
        alert(1, "high", 40, null),
        alert(2, "medium", 10, null),
        alert(3, "critical", 30, 20),
        alert(4, "critical", 50, 10),
      ],
    });
    await signInAs(page, lead);

    await page.goto(`/projects/${project.slug}/evidence`);
    await page.getByRole("link", { name: "Security alerts" }).click();
    await expect(page).toHaveURL(new RegExp(`/projects/${project.slug}/security-alerts$`));
    const rows = page.getByTestId("open-alerts").locator("tbody tr");
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toContainText("Dependabot #1 in example/ledger");
    await expect(rows.nth(0)).toContainText("40 of 30 days");
    await expect(rows.nth(0)).toContainText("Overdue by 10 days");
    await expect(rows.nth(1)).toContainText("80 days left");

    const chart = page.getByTestId("time-to-fix").getByRole("img");
    await expect(chart).toHaveAttribute(
      "aria-label",
      /critical: 2 fixed, median 25 days against a 15-day deadline, 1 within it/,
    );
    await expect(chart.locator(".recharts-bar-rectangle").first()).toBeVisible();
    await page.getByText("Show as a table").click();
    await expect(page.getByTestId("time-to-fix-table").locator("tbody tr").first()).toContainText("critical");
    await page.waitForLoadState("networkidle");
    expect(await axeViolations(page)).toEqual([]);

    const form = page.getByTestId("remediation-policy-form");
    await form.getByLabel("High (days)").fill("60");
    await form.getByRole("button", { name: "Save deadlines" }).click();
    await expect(page.getByTestId("policy-saved")).toBeVisible();
    await expect(page.getByTestId("open-alerts").locator("tbody tr").nth(0)).toContainText("20 days left");

    await form.getByLabel("Critical (days)").fill("90");
    await form.getByRole("button", { name: "Save deadlines" }).click();
    await expect(form).toContainText(/more severe alert/);
  });

  test("a project without alerts shows the empty states, axe clean", async ({ page, factory, signInAsNew }) => {
    const project = await factory.makeProject({ name: `No alerts ${factory.uniq("e2e")}` });
    await signInAsNew(page, "COMPLIANCE_LEAD");
    await page.goto(`/projects/${project.slug}/security-alerts`);
    await expect(page.getByTestId("alerts-empty")).toBeVisible();
    await expect(page.getByTestId("time-to-fix-empty")).toContainText("No alert was fixed in the last 90 days.");
    await page.waitForLoadState("networkidle");
    expect(await axeViolations(page)).toEqual([]);
  });

  test("a lead creates the GitLab webhook token on the tokens page; it is shown once; axe clean", async ({
    page,
    factory,
    signInAsNew,
  }) => {
    const project = await factory.makeProject({ name: `GitLab ${factory.uniq("e2e")}` });
    await signInAsNew(page, "COMPLIANCE_LEAD");
    await page.goto(`/projects/${project.slug}/settings/tokens`);
    const card = page.getByTestId("gitlab-webhook");
    await expect(card).toContainText(`/api/v1/projects/${project.slug}/gitlab`);
    await expect(card).toContainText("No token yet");
    await card.getByRole("button", { name: "Create a token" }).click();
    await expect(card.getByTestId("gitlab-token")).toHaveText(/^plgl_[\w-]{43}$/);
    await expect(card).toContainText("A token is set");
    await page.waitForLoadState("networkidle");
    expect(await axeViolations(page)).toEqual([]);
  });
});
