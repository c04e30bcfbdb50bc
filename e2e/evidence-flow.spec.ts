import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { test, expect } from "./fixtures";

// Tool output in the shapes real tools write, from the repository's own fixtures (lib/ingest/fixtures).
const FIXTURES = path.resolve(process.cwd(), "lib/ingest/fixtures");
function fixture(file: string): string {
  const full = path.join(FIXTURES, file);
  expect(existsSync(full), `fixture ${full}`).toBe(true);
  return full;
}

const CLI = path.resolve(process.cwd(), "public/cli/proofline.mjs");

test.describe("evidence: tokens, the CLI, filing and the original", () => {
  test("a lead creates a token, CI pushes with the CLI, and the report shows under its control with the original", async ({
    page,
    factory,
    signInAsNew,
    baseURL,
  }) => {
    const project = await factory.makeProject({ name: `Evidence ${factory.uniq("e2e")}` });
    await signInAsNew(page, "COMPLIANCE_LEAD");

    // A filing rule: test reports from main go under CHG-03.
    await page.goto(`/projects/${project.slug}/evidence/rules`);
    await expect(page.getByTestId("rules-empty")).toBeVisible();
    const form = page.getByTestId("rule-form");
    await form.getByLabel("Name", { exact: true }).fill("Tests on main");
    await form.getByLabel("Kind").selectOption({ label: "Test report" });
    await form.getByLabel("Branch").fill("main");
    await form.getByLabel("Controls").selectOption(["CHG-03"]);
    await form.getByRole("button", { name: "Create rule" }).click();
    await expect(page.getByTestId("rule-created")).toContainText("Tests on main");
    await expect(page.getByTestId("rule-row")).toHaveCount(1);

    // A project token, shown once.
    await page.goto(`/projects/${project.slug}/settings/tokens`);
    await expect(page.getByTestId("tokens-empty")).toBeVisible();
    const tokenForm = page.getByTestId("token-form");
    await tokenForm.getByLabel("Name").fill("github-actions");
    await tokenForm.getByRole("button", { name: "Create token" }).click();
    const secret = (await page.getByTestId("token-secret").textContent())!.trim();
    expect(secret).toMatch(/^pl_/);
    await expect(page.getByTestId("token-row")).toContainText("github-actions");

    // CI pushes with the one-file CLI the server serves.
    const served = await page.request.get("/cli/proofline.mjs");
    expect(served.status()).toBe(200);
    expect(await served.text()).toBe(readFileSync(CLI, "utf8"));
    const report = fixture("junit/go-packages.xml");
    const env = { ...process.env, PROOFLINE_URL: baseURL!, PROOFLINE_TOKEN: secret };
    const out = execFileSync(
      process.execPath,
      [CLI, "push", report, "--project", project.slug, "--branch", "main", "--commit", "0123456789abcdef"],
      { env, encoding: "utf8" },
    );
    expect(out).toContain("Stored: evidence");
    expect(out).toContain("Outcome: FAIL");
    expect(out).toContain("Filed under: CHG-03");
    const again = execFileSync(process.execPath, [CLI, "push", report, "--project", project.slug], {
      env,
      encoding: "utf8",
    });
    expect(again).toContain("Already stored");
    const refused = spawnSync(
      process.execPath,
      [CLI, "push", fixture("junit/truncated.xml"), "--project", project.slug],
      { env, encoding: "utf8" },
    );
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("Refused (400 Truncated document)");

    // The evidence under its control, then its page.
    await page.goto(`/projects/${project.slug}/evidence`);
    await page.getByLabel("Control").selectOption("CHG-03");
    await page.getByRole("button", { name: "Apply filters" }).click();
    const rows = page.getByTestId("evidence-row");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("5 tests, 2 failed");
    await expect(rows.first()).toContainText("CHG-03");
    await rows.first().getByRole("link").click();
    await expect(page.getByTestId("evidence-title")).toContainText("5 tests, 2 failed, 0 errors, 1 skipped");
    await expect(page.getByTestId("outcome-reason")).toHaveText(
      "2 failed and 0 errored test(s): any failed or errored test fails the report.",
    );
    await expect(page.getByTestId("evidence-control")).toContainText("CHG-03");
    await expect(page.getByTestId("evidence-control")).toContainText("rule “Tests on main”");
    await expect(page.getByTestId("failing-tests")).toContainText("TestStoreGet");

    // File it by hand under a second control, then take it off again.
    await page.getByLabel("File under control").selectOption("SDL-09");
    await page.getByRole("button", { name: "File it" }).click();
    await expect(page.getByTestId("evidence-control")).toHaveCount(2);
    await page.getByRole("button", { name: "Remove from SDL-09" }).click();
    await expect(page.getByTestId("evidence-control")).toHaveCount(1);

    // The original, byte for byte.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("download-original").click(),
    ]);
    expect(download.suggestedFilename()).toBe("go-packages.xml");
    const saved = await download.path();
    expect(readFileSync(saved!)).toEqual(readFileSync(report));
  });

  test("a person uploads a drill report and records a link from the browser", async ({
    page,
    factory,
    signInAsNew,
  }) => {
    const project = await factory.makeProject();
    await signInAsNew(page, "ENGINEER");
    await page.goto(`/projects/${project.slug}/evidence`);
    await expect(page.getByTestId("evidence-empty")).toContainText("No evidence yet");
    await expect(page.getByTestId("evidence-empty")).toContainText(`push junit.xml --project ${project.slug}`);
    await page.getByRole("link", { name: "Add evidence" }).click();

    const upload = page.getByTestId("upload-form");
    await upload.getByLabel("File").setInputFiles({
      name: "drill.json",
      mimeType: "application/json",
      buffer: Buffer.from(
        JSON.stringify({
          type: "restore-drill",
          name: "restore-study",
          startedAt: "2026-03-02T09:00:00Z",
          finishedAt: "2026-03-02T10:30:00Z",
          outcome: "pass",
          rtoSeconds: 5400,
          targets: { rtoSeconds: 3600 },
        }),
      ),
    });
    await upload.getByRole("button", { name: "Upload" }).click();
    await expect(page.getByTestId("evidence-stored")).toContainText("Restore drill restore-study");
    await expect(page.getByTestId("evidence-stored")).toContainText("Fail");

    const link = page.getByTestId("link-form");
    await link.getByLabel("URL").fill("ftp://not-http.example");
    await link.getByLabel("Title").fill("Access review minutes");
    await link.getByLabel("Effective date").fill("2026-02-01");
    await link.getByRole("button", { name: "Record link" }).click();
    await expect(link.getByText("Use an http(s) URL")).toBeVisible();
    await link.getByLabel("URL").fill("https://wiki.example.test/access-review-2026-q1");
    await link.getByRole("button", { name: "Record link" }).click();
    await expect(link.getByTestId("evidence-stored")).toContainText("Access review minutes");

    await page.goto(`/projects/${project.slug}/evidence`);
    await expect(page.getByTestId("evidence-row")).toHaveCount(2);
    await page.getByRole("link", { name: /Restore drill restore-study/ }).click();
    await expect(page.getByTestId("drill-timings")).toContainText("5,400 s");
    await expect(page.getByTestId("outcome-reason")).toHaveText("RTO 5400s is over the 3600s target.");
  });

  test("engineers cannot manage tokens", async ({ page, factory, signInAsNew }) => {
    const project = await factory.makeProject();
    await signInAsNew(page, "ENGINEER");
    const res = await page.goto(`/projects/${project.slug}/settings/tokens`);
    expect(res?.status()).toBe(403);
  });
});
