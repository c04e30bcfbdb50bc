import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test, expect } from "./fixtures";

const DAY = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

test.describe("audits: auditor access, requests, samples and a verifiable packet", () => {
  test("a lead plans an audit and grants an auditor, who sees only in-window evidence, is refused a write, raises a request the lead answers, draws a sample and downloads a packet that verifies", async ({
    page,
    factory,
    signInAs,
  }) => {
    test.setTimeout(300_000);
    const { prisma } = factory;
    const lead = await factory.makeUser({ role: "COMPLIANCE_LEAD", name: "Lena Planner" });
    const auditor = await factory.makeUser({ role: "AUDITOR", name: `Avery Auditor ${factory.uniq("a")}` });
    const project = await factory.makeProject({ name: `Clinic Portal ${factory.uniq("p")}`, frameworks: ["soc2"] });
    const now = new Date();
    const windowEnd = new Date(now.getTime() - 2 * DAY);
    const windowStart = new Date(now.getTime() - 90 * DAY);
    const control = await prisma.control.findUniqueOrThrow({ where: { key: "ACC-02" } });
    const evidence = async (title: string, effectiveAt: Date) => {
      const e = await prisma.evidence.create({
        data: {
          projectId: project.id,
          kind: "TEST_REPORT",
          format: "junit",
          title,
          outcome: "PASS",
          summary: {},
          dedupeKey: factory.uniq("e2e"),
          effectiveAt,
          collectedAt: effectiveAt,
        },
      });
      await prisma.evidenceControl.create({
        data: {
          evidenceId: e.id,
          controlId: control.id,
          projectId: project.id,
          kind: e.kind,
          outcome: e.outcome,
          effectiveAt,
          collectedAt: effectiveAt,
          via: "manual",
        },
      });
    };
    await evidence("Role tests inside the window", new Date(now.getTime() - 30 * DAY));
    await evidence("Role tests after the window", new Date(now.getTime() - 3_600_000));
    await evidence("Role tests before the window", new Date(now.getTime() - 200 * DAY));
    await prisma.pullRequest.createMany({
      data: Array.from({ length: 8 }, (_, i) => ({
        projectId: project.id,
        repo: "clinic/portal",
        number: 500 + i,
        title: `Reviewed change ${i}`,
        url: `https://example.test/pull/${500 + i}`,
        state: "merged",
        baseBranch: "main",
        mergedAt: new Date(now.getTime() - (10 + i) * DAY),
      })),
    });

    // The lead plans the audit and grants the auditor access for a month.
    await signInAs(page, lead);
    await page.goto("/audits");
    const form = page.getByTestId("create-audit-form");
    const auditName = `SOC 2 Type II ${factory.uniq("q")}`;
    await form.getByLabel("Audit name").fill(auditName);
    await form.getByLabel("Framework").selectOption("soc2");
    await form.getByLabel("Window starts").fill(day(windowStart));
    await form.getByLabel("Window ends").fill(day(windowEnd));
    await form.getByLabel(project.name).check();
    await form.getByRole("button", { name: "Plan audit" }).click();
    await expect(page.getByTestId("audit-name")).toHaveText(auditName);
    const auditUrl = page.url();
    const grant = page.getByTestId("grant-form");
    await grant.getByLabel("Auditor").selectOption({ label: `${auditor.name} (${auditor.email})` });
    await grant.getByLabel("Access until").fill(day(new Date(now.getTime() + 30 * DAY)));
    await grant.getByRole("button", { name: "Grant access" }).click();
    await expect(page.getByTestId("grants-table")).toContainText(auditor.name);
    await expect(page.getByTestId("grants-table")).toContainText("Active");

    // The auditor sees the audit, and only the evidence effective inside its window.
    await signInAs(page, auditor);
    await page.goto("/audits");
    await page.getByRole("link", { name: auditName }).click();
    await page.getByRole("navigation", { name: "Audit sections" }).getByRole("link", { name: "Evidence" }).click();
    const rows = page.getByTestId("audit-evidence-row");
    await expect(rows).toHaveCount(1);
    await expect(rows.first()).toContainText("Role tests inside the window");

    // Every write outside the audit workspace is refused on the server.
    const write = await page.request.post("/api/v1/projects", { data: { name: "Not allowed" } });
    expect(write.status()).toBe(403);
    const auditId = auditUrl.split("/").pop()!;
    const patch = await page.request.patch(`/api/v1/audits/${auditId}`, { data: { status: "CLOSED" } });
    expect(patch.status()).toBe(403);

    // The auditor raises a request.
    await page.getByRole("navigation", { name: "Audit sections" }).getByRole("link", { name: "Requests" }).click();
    const raise = page.getByTestId("raise-request-form");
    await raise.getByLabel("What you need").fill("Evidence that roles are tested");
    await raise.getByLabel("About").selectOption("ctl:ACC-02");
    await raise.getByLabel("Due").fill(day(new Date(now.getTime() + 7 * DAY)));
    await raise.getByRole("button", { name: "Raise request" }).click();
    await expect(page.getByTestId("request-row")).toContainText("Evidence that roles are tested");
    await expect(page.getByTestId("request-row")).toContainText("Open");

    // The lead assigns it to themselves and answers with the in-window evidence.
    await signInAs(page, lead);
    await page.goto(`${auditUrl}/requests`);
    await page.getByRole("link", { name: "Evidence that roles are tested" }).click();
    await page
      .getByTestId("assign-form")
      .getByLabel("Owner")
      .selectOption({ label: `${lead.name} (${lead.email})` });
    await page.getByTestId("assign-form").getByRole("button", { name: "Assign" }).click();
    await expect(page.getByTestId("request-thread")).toContainText(`Assigned to ${lead.email}.`);
    const answer = page.getByTestId("answer-form");
    await answer.getByLabel(/Role tests inside the window/).check();
    await answer.getByLabel("Note to the auditor").fill("The role tests ran on every merge.");
    await answer.getByRole("button", { name: "Send answer" }).click();
    await expect(page.getByTestId("request-status")).toHaveText("Answered");
    await expect(page.getByTestId("request-evidence")).toContainText("Role tests inside the window");

    // The auditor draws a sample of merged pull requests with a seed.
    await signInAs(page, auditor);
    await page.goto(`${auditUrl}/populations`);
    await page.getByTestId("population-form").getByRole("button", { name: "Define population" }).click();
    await expect(page.getByTestId("population-size")).toHaveText("8");
    const sample = page.getByTestId("sample-form");
    await sample.getByLabel("Sample size").fill("3");
    await sample.getByLabel("Seed").fill("e2e-seed");
    await sample.getByRole("button", { name: "Draw sample" }).click();
    await expect(page.getByTestId("sample-row")).toContainText("e2e-seed");
    await expect(page.getByTestId("sample-row")).toContainText("3 of 8");

    // The auditor builds the packet in the background, watches it finish, downloads it, and checks it offline.
    await page.goto(`${auditUrl}/packet`);
    const fingerprint = (await page.getByTestId("signing-key-fingerprint").textContent())!.trim();
    await page.getByTestId("build-packet").click();
    await expect(page.getByTestId("packet-progress")).toBeVisible();
    await page.reload(); // the progress survives a reload: it is read from the packet's row
    await expect(page.getByTestId("packet-ready")).toBeVisible({ timeout: 240_000 });
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("packet-download").click()]);
    const file = path.join(mkdtempSync(path.join(tmpdir(), "proofline-e2e-packet-")), "packet.zip");
    await download.saveAs(file);
    // The key is fetched from the server once and pinned (trust on first use) in a config dir of the test's own.
    const configDir = mkdtempSync(path.join(tmpdir(), "proofline-e2e-keys-"));
    const out = execFileSync(
      process.execPath,
      ["public/cli/proofline.mjs", "verify", file, "--server", new URL(page.url()).origin],
      {
        encoding: "utf8",
        env: { ...process.env, PROOFLINE_CONFIG_DIR: configDir },
      },
    );
    expect(out).toContain(`Signing key fingerprint (sha256): ${fingerprint}`);
    expect(out).toContain("OK: the signature is valid and every file matches the manifest.");
  });
});
