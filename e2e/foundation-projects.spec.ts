import { execFileSync } from "node:child_process";
import { test, expect } from "./fixtures";
import { withOwner } from "../lib/activity/testing/owner-db";

test.describe("projects, the activity trail and its verification", () => {
  test("a lead creates, renames and archives a project, and each change appears in the trail", async ({
    page,
    factory,
    signInAs,
  }) => {
    const lead = await factory.makeUser({ role: "COMPLIANCE_LEAD" });
    const name = `Clinic Portal ${factory.uniq("e2e")}`;
    await signInAs(page, lead);
    await page.goto("/projects");
    const form = page.getByTestId("create-project-form");
    await form.getByRole("button", { name: "Create project" }).click();
    await expect(form.getByText("Give the project a name of at least 2 characters")).toBeVisible();
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByLabel("Description").fill("Patient-facing booking portal.");
    await form.getByRole("button", { name: "Create project" }).click();
    await expect(page.getByTestId("project-name")).toHaveText(name);
    for (const tab of ["Overview", "Controls", "Evidence", "Backlog", "Runbooks", "Settings"]) {
      await expect(
        page.getByRole("navigation", { name: "Project sections" }).getByRole("link", { name: tab }),
      ).toBeVisible();
    }

    await page.getByRole("link", { name: "Settings" }).click();
    await page.getByLabel("Name", { exact: true }).fill(`${name} v2`);
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByTestId("saved")).toBeVisible();
    await expect(page.getByTestId("project-name")).toHaveText(`${name} v2`);
    await page.getByRole("button", { name: "Archive project" }).click();
    await expect(page.getByRole("button", { name: "Restore project" })).toBeVisible();

    await page.goto("/activity");
    await page.getByLabel("Actor").fill(lead.email);
    await page.getByRole("button", { name: "Apply filters" }).click();
    const rows = page.getByTestId("activity-row");
    await expect(rows).toHaveCount(4); // sign-in, create, rename, archive
    await expect(rows.nth(0)).toContainText("project.archive");
    await expect(rows.nth(1)).toContainText("project.update");
    await expect(rows.nth(1)).toContainText(`${name} → ${name} v2`);
    await expect(rows.nth(2)).toContainText("project.create");
    await expect(rows.nth(3)).toContainText("user.sign_in");
  });

  test("an engineer sees projects but no way to create one", async ({ page, factory, signInAs }) => {
    const engineer = await factory.makeUser({ role: "ENGINEER" });
    await signInAs(page, engineer);
    await page.goto("/projects");
    await expect(page.getByTestId("projects-table")).toBeVisible();
    await expect(page.getByTestId("create-project-form")).toHaveCount(0);
  });

  test("activity:verify passes on an intact trail and names a tampered event", async ({ factory }) => {
    const verify = () => {
      try {
        return {
          code: 0,
          out: execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/activity-verify.ts"], {
            encoding: "utf8",
            stdio: "pipe",
          }),
        };
      } catch (err) {
        const e = err as { status: number; stdout: string; stderr: string };
        return { code: e.status, out: e.stdout + e.stderr };
      }
    };
    const ok = verify();
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/Activity trail intact: \d+ event\(s\) verified/);

    const victim = await factory.prisma.activityEvent.findFirstOrThrow({
      where: { action: "project.create" },
      orderBy: { id: "asc" },
    });
    // As the database owner (the app's own connection may not change the trail at all).
    const tamper = (summary: string) =>
      withOwner(async (owner) => {
        await owner.query("BEGIN");
        await owner.query("SET LOCAL session_replication_role = replica");
        await owner.query(`UPDATE "ActivityEvent" SET summary = $1::jsonb WHERE id = ${victim.id}`, [summary]);
        await owner.query("COMMIT");
      });
    await tamper(JSON.stringify({ after: { name: "forged" } }));
    try {
      const broken = verify();
      expect(broken.code).toBe(1);
      expect(broken.out).toContain(`First broken link: event ${victim.id}`);
    } finally {
      await tamper(JSON.stringify(victim.summary));
    }
    expect(verify().code).toBe(0);
  });
});
