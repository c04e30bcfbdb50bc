import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test, expect } from "./fixtures";
import { UNICODE_EXPECTED, UNICODE_TEXT, unicodePacketWorld } from "../lib/packets/unicode-test-world";
import { hashZipEntry, listZipEntries } from "../public/cli/proofline.mjs";

// Issue 18: a packet whose names and titles are in Polish, Czech, Romanian, Greek, Russian, Turkish
// and Japanese, with one emoji, built and downloaded through the app, gives every string back exactly
// from its PDF (the emoji as its documented replacement, "[U+1F680]").
test("a packet built and downloaded through the app gives back names and titles in seven languages exactly, and an emoji as its code point", async ({
  page,
  signInAs,
}) => {
  test.setTimeout(300_000);
  const w = await unicodePacketWorld({ slugPrefix: "e2e-unicode" });
  await signInAs(page, w.lead);
  await page.goto(`/audits/${w.audit.id}/packet`);
  await page.getByTestId("build-packet").click();
  await expect(page.getByTestId("packet-ready")).toBeVisible({ timeout: 240_000 });
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("packet-download").click()]);
  const dir = mkdtempSync(path.join(tmpdir(), "proofline-e2e-unicode-"));
  const zip = path.join(dir, "packet.zip");
  await download.saveAs(zip);

  const entry = (await listZipEntries(zip)).find((e: { name: string }) => e.name === "packet.pdf");
  const parts: Buffer[] = [];
  await hashZipEntry(zip, entry, (c: Buffer) => parts.push(c));
  const pdf = path.join(dir, "packet.pdf");
  writeFileSync(pdf, Buffer.concat(parts));
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  for (const s of UNICODE_EXPECTED) expect(text, s).toContain(s);
  expect(text).toMatch(new RegExp(`Generated for\\s+${UNICODE_TEXT.lead} <`));
  expect(text).not.toContain("🚀");
  expect(text).not.toContain("?");
});
