import type { Page } from "@playwright/test";
import { test, expect } from "./fixtures";
import { grantAuditorOn } from "../lib/backlog/test-helpers";

// The "Linked controls" card, shared by backlog items and runbooks: find a control by words, link it,
// see it listed with a link to the control, unlink it. Engineers may link on items; auditors only read.

async function linkAndUnlink(page: Page, listTestId: string) {
  const card = page.locator("section.card", { has: page.getByRole("heading", { name: "Linked controls" }) });
  await expect(card.getByText(/Not linked to any control/)).toBeVisible();
  await card.getByLabel("Find a control").fill("backup");
  const choice = card.getByLabel("Control", { exact: true });
  await expect(choice.locator("option", { hasText: "BCK-01" })).toHaveCount(1);
  await choice.selectOption({ label: (await choice.locator("option", { hasText: "BCK-01" }).textContent())! });
  await card.getByRole("button", { name: "Link control" }).click();

  const list = page.getByTestId(listTestId);
  await expect(list.getByRole("link", { name: /BCK-01/ })).toHaveAttribute("href", "/controls/BCK-01");
  await expect(card.getByText(/Not linked to any control/)).toHaveCount(0);
  // A linked control is no longer offered.
  await expect(choice.locator("option", { hasText: "BCK-01" })).toHaveCount(0);

  await card.getByRole("button", { name: "Unlink BCK-01" }).click();
  await expect(list.getByRole("link", { name: /BCK-01/ })).toHaveCount(0);
  await expect(card.getByText(/Not linked to any control/)).toBeVisible();
}

test.describe("linking controls to work", () => {
  test("a lead links a control to a backlog item and to a runbook, and unlinks it", async ({
    page,
    factory,
    signInAs,
  }) => {
    const lead = await factory.makeUser({ role: "COMPLIANCE_LEAD" });
    const project = await factory.makeProject({ name: `Links ${factory.uniq("e2e")}` });
    const item = await factory.prisma.backlogItem.create({
      data: { projectId: project.id, title: "Encrypt the nightly dumps" },
    });
    const runbook = await factory.prisma.runbook.create({
      data: { projectId: project.id, key: "restore-dumps", title: "Restore a nightly dump" },
    });
    await signInAs(page, lead);

    await page.goto(`/projects/${project.slug}/backlog/${item.id}`);
    await linkAndUnlink(page, "item-controls");

    await page.goto(`/projects/${project.slug}/runbooks/${runbook.id}`);
    await linkAndUnlink(page, "runbook-controls");
  });

  test("an auditor sees an item's linked controls but no way to change them", async ({ page, factory, signInAs }) => {
    const lead = await factory.makeUser({ role: "COMPLIANCE_LEAD" });
    const auditor = await factory.makeUser({ role: "AUDITOR" });
    const project = await factory.makeProject({ name: `Links ${factory.uniq("e2e")}` });
    const control = await factory.prisma.control.findUniqueOrThrow({ where: { key: "BCK-01" } });
    const item = await factory.prisma.backlogItem.create({
      data: { projectId: project.id, title: "Test restores monthly", controls: { create: { controlId: control.id } } },
    });
    await grantAuditorOn(project.id, auditor.id, lead.id);
    await signInAs(page, auditor);

    await page.goto(`/projects/${project.slug}/backlog/${item.id}`);
    await expect(page.getByTestId("item-controls").getByRole("link", { name: /BCK-01/ })).toBeVisible();
    await expect(page.getByRole("button", { name: "Unlink BCK-01" })).toHaveCount(0);
    await expect(page.getByLabel("Find a control")).toHaveCount(0);
  });
});
