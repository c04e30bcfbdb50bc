import path from "node:path";
import { readFileSync } from "node:fs";
import { test, expect } from "./fixtures";

// The demo gap list that ships with the repository: imported from the browser, then worked on item by item.
const SEED = path.resolve(process.cwd(), "lib", "seed", "documents", "engine-production-gaps.md");

test.describe("importing a gap list and working its items", () => {
  test("an engineer's preview says they may not apply a document that would create a runbook", async ({
    page,
    factory,
    signInAsNew,
  }) => {
    // The gap list carries a rollback runbook; engineers hold backlog:write but not runbook:write.
    const project = await factory.makeProject({ name: `Inference ${factory.uniq("e2e")}` });
    await signInAsNew(page, "ENGINEER");
    await page.goto(`/projects/${project.slug}/import`);
    await page.getByLabel("Document", { exact: true }).setInputFiles(SEED);
    await page.getByRole("button", { name: "Preview the import" }).click();
    await expect(page.getByTestId("import-refused")).toContainText("create 1 runbook");
    await expect(page.getByTestId("apply-import")).toBeDisabled();
  });

  test("a lead previews and imports a seed, edits an item, ticks a criterion and links a pull request", async ({
    page,
    factory,
    signInAsNew,
  }) => {
    const project = await factory.makeProject({ name: `Inference ${factory.uniq("e2e")}` });
    await signInAsNew(page, "COMPLIANCE_LEAD");

    await page.goto(`/projects/${project.slug}/backlog`);
    await expect(page.getByTestId("backlog-empty")).toBeVisible();
    await page.getByRole("link", { name: "Import a document" }).click();
    await expect(page.getByText("Markdown, reStructuredText or plain text, up to 5 MB.")).toBeVisible();
    await page.getByLabel("Document", { exact: true }).setInputFiles(SEED);
    await page.getByRole("button", { name: "Preview the import" }).click();
    const preview = page.getByTestId("import-preview");
    await expect(preview.getByTestId("plan-counts")).toContainText("New: 12");
    await expect(preview.getByTestId("plan-create")).toHaveCount(12);
    await expect(page.getByText("Preview: nothing is saved yet")).toBeVisible();
    await page.getByTestId("apply-import").click();
    await expect(page.getByTestId("import-done")).toContainText("12 new");
    await expect(page.getByTestId("documents")).toContainText("Engine Production Gaps");

    // The summary table: open gaps by block and priority, and a count links to its list.
    await page.getByRole("link", { name: "Open the backlog" }).click();
    const counts = page.getByTestId("backlog-counts");
    await expect(counts.getByRole("rowheader", { name: "Runtime" })).toBeVisible();
    await page.getByLabel("Status").selectOption("OPEN");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await counts.getByTestId("count-Runtime-MEDIUM").click();
    await expect(page).toHaveURL(/block=Runtime&priority=MEDIUM/);
    await expect(page.getByTestId("backlog-row")).toHaveCount(1);

    await page.getByRole("link", { name: "Readiness probe checks that the model is loaded" }).click();
    await expect(page.getByTestId("item-title")).toHaveText("Readiness probe checks that the model is loaded");
    await expect(page.getByText("From Engine Production Gaps, line 138")).toBeVisible();
    // The description reads as the document's author formatted it: labels in bold, the old text struck, the steps a list.
    const body = page.getByTestId("item-body");
    await expect(body.locator("strong", { hasText: "Description" })).toBeVisible();
    await expect(body.locator("del")).toHaveText("The probe only checks that the process is up.");
    await expect(body.locator("li")).toHaveCount(3);
    await expect(body.locator("li").first()).toHaveText("Load the weights before opening the listener");
    await expect(body).not.toContainText("**");

    // Tick a criterion the document left open; the tick is recorded.
    const criterion = page.getByLabel(/The deployment waits for readiness/);
    await expect(criterion).not.toBeChecked();
    await criterion.check();
    await expect(criterion).toBeChecked();
    await expect(page.getByTestId("item-history")).toContainText("ticked a criterion");

    // Edit the item by hand.
    await page.getByRole("button", { name: "Edit" }).click();
    await page.getByTestId("item-form").getByLabel("Title").fill("Probe waits for the model");
    await page.getByTestId("item-form").getByLabel("Status").selectOption("IN_PROGRESS");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByTestId("item-title")).toHaveText("Probe waits for the model");
    await expect(page.getByTestId("backlog-item")).toContainText("In progress");
    await expect(page.getByText("Edited in Proofline since it was imported")).toBeVisible();

    // Link a pull request by its address; a wrong address is refused with a sentence.
    await page.getByLabel("Pull request address").fill("https://gitlab.com/acme/mlsdm/-/merge_requests/7");
    await page.getByRole("button", { name: "Link pull request" }).click();
    await expect(
      page.getByText("Paste a GitHub pull request address, like https://github.com/owner/repo/pull/123"),
    ).toBeVisible();
    await page.getByLabel("Pull request address").fill("https://github.com/acme/mlsdm/pull/214");
    await page.getByLabel("Title (optional)").fill("Benchmark regression alerts");
    await page.getByTestId("link-pr-form").getByLabel("State").selectOption("merged");
    await page.getByRole("button", { name: "Link pull request" }).click();
    const prs = page.getByTestId("pull-requests");
    await expect(prs).toContainText("acme/mlsdm #214");
    await expect(prs).toContainText("Benchmark regression alerts");
    await expect(prs).toContainText("Merged");
    await expect(prs).toContainText("as entered by hand");
  });

  test("re-importing a changed version shows the edit made here as a conflict and the new gap as new", async ({
    page,
    factory,
    signInAsNew,
  }) => {
    const project = await factory.makeProject();
    await signInAsNew(page, "COMPLIANCE_LEAD");
    const v1 = readFileSync(SEED, "utf8");
    const imported = await page.request.post(`/api/v1/projects/${project.slug}/documents?filename=gaps.md&mode=apply`, {
      data: v1,
      headers: { "content-type": "text/markdown" },
    });
    expect(imported.status()).toBe(201);
    const list = await (await page.request.get(`/api/v1/projects/${project.slug}/backlog?q=OBS-001`)).json();
    await page.request.patch(`/api/v1/projects/${project.slug}/backlog/${list.items[0].id}`, {
      data: { title: "Trace every request" },
    });

    const v2 = v1
      .replace("Only averages were exported, which hid the slow tail.", "Averages hid the slow tail.")
      .replace(
        "## MEDIUM Priority",
        "### SEC-099: Scan images for known vulnerabilities\n\n**Block**: Security\n**Criticality**: HIGH\n\n---\n\n## MEDIUM Priority",
      );
    await page.goto(`/projects/${project.slug}/import`);
    await page.getByLabel("Paste the text").check();
    await page.getByLabel("Text of the document").fill(v2);
    await page.getByLabel("Name").fill("gaps.md");
    await page.getByRole("button", { name: "Preview the import" }).click();
    const preview = page.getByTestId("import-preview");
    await expect(preview.getByTestId("plan-counts")).toContainText("Conflict: 1");
    await expect(preview.getByTestId("plan-conflict")).toContainText("OBS-001");
    await expect(preview.getByTestId("plan-conflict")).toContainText("Edited in Proofline since the last import");
    await expect(preview.getByTestId("plan-create")).toContainText("SEC-099");
    await page.getByTestId("apply-import").click();
    await expect(page.getByTestId("import-done")).toContainText("1 new");
    await page.goto(`/projects/${project.slug}/backlog?q=OBS-001`);
    await expect(page.getByTestId("backlog-row")).toContainText("Trace every request");

    // Work that is in no document is added by hand.
    await page.getByRole("link", { name: "Add an item" }).click();
    const form = page.getByTestId("item-form");
    await form.getByLabel("Title").fill("Rotate the registry credentials");
    await form.getByLabel("Key (optional)").fill("ops-7");
    await form.getByLabel("Priority").selectOption("HIGH");
    await form.getByLabel("Acceptance criteria").fill("New credentials in the secret store\n[x] Old ones listed");
    await form.getByRole("button", { name: "Add item" }).click();
    await expect(page.getByTestId("item-title")).toHaveText("Rotate the registry credentials");
    await expect(page.getByTestId("backlog-item")).toContainText("OPS-7");
    await expect(page.getByTestId("criteria")).toContainText("Old ones listed");
    await expect(page.getByText("Added by hand in Proofline")).toBeVisible();
  });
});
