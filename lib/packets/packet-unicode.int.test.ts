import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildPacketFiles } from "@/lib/packets/build-packet-files";
import { hashZipEntry, listZipEntries } from "@/public/cli/proofline.mjs";
import { UNICODE_EXPECTED, UNICODE_TEXT, unicodePacketWorld } from "@/lib/packets/unicode-test-world";

const dir = mkdtempSync(path.join(tmpdir(), "proofline-packet-unicode-"));
process.env.PACKET_SIGNING_KEY_FILE = path.join(dir, "signing-key.pem");

async function pdfOf(zip: string): Promise<string> {
  const entry = (await listZipEntries(zip)).find((e: { name: string }) => e.name === "packet.pdf");
  const parts: Buffer[] = [];
  await hashZipEntry(zip, entry, (c: Buffer) => parts.push(c));
  const file = `${zip}.pdf`;
  writeFileSync(file, Buffer.concat(parts));
  return file;
}

// Two whole packets build here (one in this process, one through render processes): 15 to 60 s.
describe("a packet in every language", { timeout: 240_000 }, () => {
  it("gives back names and titles in Polish, Czech, Romanian, Greek, Russian, Turkish and Japanese exactly, an emoji as its code point, and the same bytes for the same data", async () => {
    const w = await unicodePacketWorld();
    const build = async (name: string, renderProcesses: number) => {
      const outFile = path.join(dir, `${name}.zip`);
      await buildPacketFiles({
        auditId: w.audit.id,
        requestedById: w.lead.id,
        workDir: path.join(dir, `work-${name}`),
        outFile,
        renderProcesses,
      });
      return outFile;
    };
    const first = await build("here", 0);
    const pdf = await pdfOf(first);
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    for (const s of UNICODE_EXPECTED) expect(text, s).toContain(s);
    // Also in pdftotext's reading order (no layout): the strings are whole, not pieced together from positions.
    const raw = execFileSync("pdftotext", [pdf, "-"], { encoding: "utf8" });
    for (const s of UNICODE_EXPECTED) expect(raw, s).toContain(s);
    expect(text).toMatch(new RegExp(`Generated for\\s+${UNICODE_TEXT.lead} <`));
    expect(text).not.toContain("🚀");
    // No character turned into a question mark: the only ones are those the data or the packet's own words hold.
    expect(text.match(/\?/g) ?? []).toHaveLength(0);
    // The fonts are embedded, subset, with a ToUnicode map; no standard font is left.
    const fonts = execFileSync("pdffonts", [pdf], { encoding: "utf8" });
    expect(fonts).toMatch(/\+NotoSans-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(fonts).toMatch(/\+NotoSansJP-Regular\s+CID TrueType\s+Identity-H\s+yes yes yes/);
    expect(fonts).not.toMatch(/Helvetica|Courier/);

    // The same data through render processes (render-pool, render-child): the same bytes.
    const second = await build("pool", 2);
    expect(readFileSync(second).equals(readFileSync(first))).toBe(true);
  });
});
