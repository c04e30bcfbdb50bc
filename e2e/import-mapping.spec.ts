import type { Page } from "@playwright/test";
import { axeViolations } from "../tests/axe";
import { test, expect } from "./fixtures";

// Correcting how a document is read, from the preview: a document whose items are plain level-3
// headings yields nothing until the lead says so; the preview updates with each choice (made with the
// keyboard), importing keeps the choice, and the next version of the document is read the same way.
const V1 =
  "# Audit prep\n\n## Evidence\n\n### Export the access logs\n\nFrom the identity provider.\n\n### Collect the pen-test report\n\nAsk the vendor.\n\n## Appendix\n\n### Glossary\n\nTerms we use.\n";
const V2 = V1.replace("## Appendix", "### Screenshot the MFA policy\n\nFrom the admin console.\n\n## Appendix");

async function pasteAndPreview(page: Page, text: string) {
  await page.getByLabel("Paste the text").check();
  await page.getByLabel("Text of the document").fill(text);
  await page.getByLabel("Name", { exact: true }).fill("audit-prep.md");
  await page.getByRole("button", { name: "Preview the import" }).click();
}

test("a lead corrects the preview with the keyboard, imports, and the next version is read the same way", async ({
  page,
  factory,
  signInAsNew,
}) => {
  const project = await factory.makeProject({ name: `Audit ${factory.uniq("e2e")}` });
  await signInAsNew(page, "COMPLIANCE_LEAD");
  await page.goto(`/projects/${project.slug}/import`);

  await pasteAndPreview(page, V1);
  // Nothing to import as it stands: the corrections are offered right under the refusal.
  await expect(page.getByTestId("import-error")).toBeVisible();
  await expect(page.getByTestId("import-mapping")).toContainText("Not read the way you meant?");

  // Items are the level-3 headings: chosen from the keyboard, the preview follows at once.
  const items = page.getByLabel("Items are");
  await items.focus();
  await items.selectOption("h3");
  const preview = page.getByTestId("import-preview");
  await expect(preview.getByTestId("plan-counts")).toContainText("New: 3");
  expect(await axeViolations(page)).toEqual([]);

  // Leave the appendix out: a checkbox, ticked with the space bar.
  const skip = page.getByRole("group", { name: "Sections to leave out" }).getByLabel("Appendix");
  await skip.focus();
  await page.keyboard.press("Space");
  await expect(preview.getByTestId("plan-counts")).toContainText("New: 2");
  await expect(page.getByLabel("Items are")).toHaveValue("h3");

  await page.getByTestId("apply-import").click();
  await expect(page.getByTestId("import-done")).toContainText("2 new");

  // The next version, with no choice made: the saved mapping is applied again.
  await page.getByRole("button", { name: "Import another document" }).click();
  await pasteAndPreview(page, V2);
  await expect(page.getByTestId("import-preview").getByTestId("plan-counts")).toContainText("New: 1");
  await expect(page.getByTestId("import-mapping")).toContainText("These are the choices saved with this document.");
  await expect(page.getByLabel("Items are")).toHaveValue("h3");
});
