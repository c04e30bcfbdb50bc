import { readFileSync } from "node:fs";
import { test, expect } from "./fixtures";

// A framework of the lead's own, so that coverage starts below 100% and every run has fresh data.
function customFramework(key: string) {
  return {
    format: "proofline.framework/v1",
    key,
    name: `Customer addendum ${key}`,
    version: "1",
    requirements: [
      { id: "SEC", level: "category", title: "Security terms" },
      {
        id: "SEC-1",
        parent: "SEC",
        title: "Backups are encrypted",
        summary: "Backups of customer data are encrypted.",
      },
      {
        id: "SEC-2",
        parent: "SEC",
        title: "Access is recertified",
        summary: "Who can reach customer data is reviewed every quarter.",
      },
      {
        id: "SEC-3",
        parent: "SEC",
        title: "Incidents are reported",
        summary: "The customer hears of incidents within a day.",
      },
    ],
  };
}

test.describe("frameworks and controls", () => {
  test("a lead finds a requirement by id, maps a control to it, sees coverage change, and exports the CSV", async ({
    page,
    factory,
    signInAsNew,
  }) => {
    const lead = await signInAsNew(page, "COMPLIANCE_LEAD");
    const key = factory.uniq("addendum").toLowerCase();
    const imported = await page.request.post("/api/v1/frameworks", { data: customFramework(key) });
    expect(imported.status()).toBe(201);

    await page.goto("/frameworks");
    await expect(page.getByTestId(`coverage-${key}`)).toContainText("0 of 3 mapped");
    await page
      .getByTestId(`framework-row-${key}`)
      .getByRole("link", { name: `Customer addendum ${key}` })
      .click();
    await expect(page.getByTestId("framework-coverage")).toContainText("0 of 3 mapped (0%) · 3 unmapped");

    await page.getByLabel("Find a requirement").fill("sec-2");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page.getByTestId("search-status")).toHaveText("1 requirement matches “sec-2”.");
    await expect(page.getByTestId("requirement-SEC-1")).toHaveCount(0);
    const row = page.getByTestId("requirement-SEC-2");
    await expect(row).toContainText("Unmapped");

    await row.getByLabel("Control to map to SEC-2").fill("ACC-03");
    await row.getByRole("button", { name: "Map" }).click();
    await expect(row.getByRole("link", { name: "ACC-03" })).toBeVisible();
    await expect(row).not.toContainText("Unmapped");
    await expect(page.getByTestId("framework-coverage")).toContainText("1 of 3 mapped (33%) · 2 unmapped");

    await page.goto("/frameworks");
    await expect(page.getByTestId(`coverage-${key}`)).toContainText("1 of 3 mapped");

    // The control page now lists the new mapping beside its SOC 2, GDPR and IRB ones.
    await page.goto("/controls/ACC-03");
    await expect(page.getByTestId("control-mappings")).toContainText("SEC-2");
    await expect(page.getByTestId("mapping-group-soc2")).toContainText("CC6.2");

    await page.goto("/controls");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
    expect(download.suggestedFilename()).toMatch(/^proofline-controls-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path())!, "utf8").split("\r\n");
    expect(csv[0]).toContain(`soc2,gdpr,irb,`);
    expect(csv[0]).toContain(key);
    const header = csv[0].split(",");
    const acc03 = csv.find((l) => l.startsWith("ACC-03,"))!;
    expect(acc03).toContain("SEC-2");
    expect(acc03.split(",")[header.indexOf("soc2")]).toBe("CC6.2; CC6.3");

    const trail = await page.request.get(`/api/v1/activity?action=control.map&actor=${encodeURIComponent(lead.email)}`);
    expect((await trail.json()).items[0].summary).toEqual({ key: "ACC-03", added: [`${key} SEC-2`], removed: [] });
  });

  test("an engineer is refused the same edit: no mapping form, and a 403 problem from the API", async ({
    page,
    signInAsNew,
  }) => {
    await signInAsNew(page, "ENGINEER");
    await page.goto("/frameworks/soc2?q=CC6.2");
    await expect(page.getByTestId("requirement-CC6.2")).toBeVisible();
    await expect(page.getByTestId("map-control-CC6.2")).toHaveCount(0);
    await expect(page.getByText("Import a custom framework")).toHaveCount(0);

    const before = await (await page.request.get("/api/v1/controls/ACC-03")).json();
    const res = await page.request.patch("/api/v1/controls/ACC-03/mappings", {
      data: { add: [{ framework: "soc2", refId: "CC1.1" }] },
    });
    expect(res.status()).toBe(403);
    expect(res.headers()["content-type"]).toBe("application/problem+json");
    expect(await res.json()).toMatchObject({
      status: 403,
      title: "Forbidden",
      detail: "Your role (Engineer) does not allow managing controls.",
    });
    const after = await (await page.request.get("/api/v1/controls/ACC-03")).json();
    expect(after.mappings).toEqual(before.mappings);
    const page403 = await page.goto("/controls/new");
    expect(page403?.status()).toBe(403);
  });

  test("a lead marks a control not applicable to a project only with a justification", async ({
    page,
    factory,
    signInAsNew,
  }) => {
    const project = await factory.makeProject({ frameworks: ["soc2"] });
    await signInAsNew(page, "COMPLIANCE_LEAD");
    await page.goto(`/projects/${project.slug}/controls`);
    await page.getByLabel("Search", { exact: true }).fill("RES-07");
    await page.getByRole("button", { name: "Search", exact: true }).click();
    const row = page.getByTestId("project-control-RES-07");
    await row.getByRole("button", { name: "Mark not applicable" }).click();
    const reason = row.getByLabel("Why does it not apply?");
    await reason.fill("short");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row.getByText("Not applicable", { exact: true })).toHaveCount(0); // the browser refuses under 10 characters
    await reason.fill("This service keeps no study snapshots at all.");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(row).toContainText("Not applicable");
    await expect(row).toContainText("This service keeps no study snapshots at all.");

    await page.goto("/controls/RES-07");
    await expect(page.getByTestId("control-not-applicable")).toContainText(project.name);
  });
});
