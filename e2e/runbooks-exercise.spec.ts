import { test, expect } from "./fixtures";
import { grantAuditorOn } from "../lib/backlog/test-helpers";

const DAY = 86_400_000;

test.describe("runbooks and their exercises", () => {
  test("a lead writes a quarterly runbook, an exercise is recorded, and moving the clock past its due date makes it overdue", async ({
    page,
    factory,
    signInAsNew,
    baseURL,
  }) => {
    const project = await factory.makeProject({ name: `Clinic ${factory.uniq("e2e")}` });
    await signInAsNew(page, "COMPLIANCE_LEAD");

    await page.goto(`/projects/${project.slug}/runbooks`);
    await expect(page.getByTestId("runbooks-empty")).toBeVisible();
    await page.getByRole("link", { name: "Write a runbook" }).click();
    const form = page.getByTestId("runbook-form");
    await form.getByLabel("Title").fill("Restore the patient database");
    await form
      .getByLabel("Steps")
      .fill(
        "# Restore\nStop writes at the proxy\nRestore last night's snapshot\n  pg_restore -d clinic latest.dump\n# Verify\nCompare row counts with the audit log",
      );
    await form.getByLabel("Exercise cadence").selectOption("90");
    await form.getByLabel("Recovery time objective (minutes)").fill("60");
    await form.getByRole("button", { name: "Save runbook" }).click();

    await expect(page.getByTestId("runbook-title")).toHaveText("Restore the patient database");
    const steps = page.getByTestId("runbook-steps");
    await expect(steps.getByRole("heading", { name: "Verify" })).toBeVisible();
    await expect(steps).toContainText("pg_restore -d clinic latest.dump");

    // Record a drill performed today.
    const exercise = page.getByTestId("exercise-form");
    await exercise.getByLabel("Outcome").selectOption("PARTIAL");
    await exercise.getByLabel("Measured recovery time (minutes)").fill("75");
    await exercise.getByLabel("Notes").fill("Snapshot restore worked; the row count script needed a fix.");
    const drillLog = "02:00 restore started\n03:15 restore finished\n";
    await exercise.getByLabel("Files").setInputFiles([
      { name: "restore-drill.log", mimeType: "text/plain", buffer: Buffer.from(drillLog) },
      { name: "row-counts.csv", mimeType: "text/csv", buffer: Buffer.from("table,rows\npatients,1204\n") },
    ]);
    await exercise.getByRole("button", { name: "Record exercise" }).click();
    await expect(exercise.getByRole("status")).toContainText("Exercise recorded with 2 of 2 files attached");
    const table = page.getByTestId("exercises");
    await expect(table).toContainText("Partly passed");
    await expect(table).toContainText("1 h 15 min (over the target)");
    // The files are kept with the exercise and download as they were sent.
    await expect(table.getByRole("link", { name: "row-counts.csv" })).toBeVisible();
    const download = page.waitForEvent("download");
    await table.getByRole("link", { name: "restore-drill.log" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("restore-drill.log");
    const { readFile } = await import("node:fs/promises");
    expect(await readFile((await file.path())!, "utf8")).toBe(drillLog);
    await expect(page.getByTestId("runbook")).toContainText("Next exercise");
    await expect(page.getByTestId("runbook-overdue")).toHaveCount(0);

    // An edit keeps the previous version, which can still be opened.
    await page.getByRole("button", { name: "Edit runbook" }).click();
    await form
      .getByLabel("Steps")
      .fill(
        "# Restore\nStop writes at the proxy\nRestore last night's encrypted snapshot\n# Verify\nCompare row counts with the audit log",
      );
    await form.getByLabel("What changed (optional)").fill("Use the encrypted copy");
    await form.getByRole("button", { name: "Save runbook" }).click();
    const versions = page.getByTestId("runbook-versions");
    await expect(versions).toContainText("Use the encrypted copy");
    await versions.getByRole("link", { name: "Version 1" }).click();
    await expect(page.getByText("You are looking at an earlier version")).toBeVisible();
    await expect(page.getByTestId("runbook-steps")).toContainText("Restore last night's snapshot");

    // Move the clock 100 days on: the quarterly exercise is now overdue, here and on the project overview.
    const later = new Date(Date.now() + 100 * DAY).toISOString();
    await page.context().addCookies([{ name: "proofline-test-clock", value: later, url: baseURL! }]);
    await page.getByRole("link", { name: "Show the current steps" }).click();
    await expect(page.getByTestId("runbook-overdue")).toContainText("The exercise of this runbook is overdue");
    await expect(page.getByTestId("runbook")).toContainText("Exercise overdue by 10 days");
    await page.goto(`/projects/${project.slug}/runbooks`);
    await expect(page.getByTestId("runbook-row")).toContainText("Exercise overdue by 10 days");
    await page.goto(`/projects/${project.slug}`);
    const card = page.getByTestId("overview-exercises");
    await expect(card).toContainText("Restore the patient database");
    await expect(card).toContainText("Exercise overdue");
  });

  test("an engineer records an exercise but cannot edit the runbook; an auditor only reads", async ({
    page,
    factory,
    signInAs,
  }) => {
    const lead = await factory.makeUser({ role: "COMPLIANCE_LEAD" });
    const engineer = await factory.makeUser({ role: "ENGINEER" });
    const auditor = await factory.makeUser({ role: "AUDITOR" });
    const project = await factory.makeProject();
    await grantAuditorOn(project.id, auditor.id, lead.id);
    await signInAs(page, lead);
    const created = await page.request.post(`/api/v1/projects/${project.slug}/runbooks`, {
      data: {
        title: "Rotate the signing keys",
        steps: [{ text: "Create a new key" }, { text: "Switch signers" }],
        cadenceDays: 365,
      },
    });
    expect(created.status()).toBe(201);
    const { id } = await created.json();
    await page.context().clearCookies();

    await signInAs(page, engineer);
    await page.goto(`/projects/${project.slug}/runbooks/${id}`);
    await expect(page.getByRole("button", { name: "Edit runbook" })).toHaveCount(0);
    await page.getByTestId("exercise-form").getByRole("button", { name: "Record exercise" }).click();
    await expect(page.getByTestId("exercises")).toContainText("Passed");
    const refused = await page.request.patch(`/api/v1/projects/${project.slug}/runbooks/${id}`, {
      data: { cadenceDays: 7 },
    });
    expect(refused.status()).toBe(403);
    expect((await refused.json()).detail).toBe("Your role (Engineer) does not allow changing runbooks.");
    await page.context().clearCookies();

    await signInAs(page, auditor);
    await page.goto(`/projects/${project.slug}/runbooks/${id}`);
    await expect(page.getByTestId("exercises")).toContainText("Passed");
    await expect(page.getByTestId("exercise-form")).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Edit runbook" })).toHaveCount(0);
    const exercise = await page.request.post(`/api/v1/projects/${project.slug}/runbooks/${id}/exercises`, {
      data: { performedAt: new Date().toISOString(), outcome: "PASS" },
    });
    expect(exercise.status()).toBe(403);
  });
});
