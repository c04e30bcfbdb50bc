import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { prisma } from "@/lib/db";
import { buildPacketFiles } from "@/lib/packets/build-packet-files";
import { hashZipEntry, listZipEntries, verifyCommand, verifyPacket } from "@/public/cli/proofline.mjs";
import { publicKeyInfo } from "@/lib/packets/signing-key";
import { writeDeterministicZip } from "@/lib/packets/write-zip";
import { packetWorld } from "@/lib/packets/packet-test-world";
import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFArray } from "pdf-lib";

/** The PDF's bookmarks: top-level titles, the page each opens (0-based), and their children's titles. */
async function readOutline(bytes: Buffer) {
  const doc = await PDFDocument.load(bytes);
  const pages = doc.getPages().map((p) => p.ref.toString());
  const lookup = (ref: unknown) => doc.context.lookup(ref as PDFRef) as PDFDict | undefined;
  const items = (first: unknown) => {
    const out: PDFDict[] = [];
    for (let node = lookup(first); node; node = lookup(node.get(PDFName.of("Next")))) out.push(node);
    return out;
  };
  const root = lookup(doc.catalog.get(PDFName.of("Outlines")))!;
  return items(root.get(PDFName.of("First"))).map((item) => ({
    title: (item.lookup(PDFName.of("Title")) as PDFHexString).decodeText(),
    page: pages.indexOf(((item.lookup(PDFName.of("Dest")) as PDFArray).get(0) as PDFRef).toString()),
    children: item.get(PDFName.of("First"))
      ? items(item.get(PDFName.of("First"))).map((c) => (c.lookup(PDFName.of("Title")) as PDFHexString).decodeText())
      : [],
  }));
}

const dir = mkdtempSync(path.join(tmpdir(), "proofline-packet-"));
process.env.PACKET_SIGNING_KEY_FILE = path.join(dir, "signing-key.pem");

async function build(auditId: string, requestedById: string, name: string, renderProcesses?: number) {
  const outFile = path.join(dir, `${name}.zip`);
  const built = await buildPacketFiles({
    auditId,
    requestedById,
    workDir: path.join(dir, `work-${name}`),
    outFile,
    renderProcesses,
  });
  return { ...built, outFile };
}

async function entryText(file: string, name: string): Promise<string> {
  const entry = (await listZipEntries(file)).find((e: { name: string }) => e.name === name);
  const parts: Buffer[] = [];
  await hashZipEntry(file, entry, (c: Buffer) => parts.push(c));
  return Buffer.concat(parts).toString("utf8");
}

async function pdfText(file: string): Promise<{ text: string; info: string }> {
  const pdf = path.join(dir, `${path.basename(file)}.pdf`);
  const entry = (await listZipEntries(file)).find((e: { name: string }) => e.name === "packet.pdf");
  const parts: Buffer[] = [];
  await hashZipEntry(file, entry, (c: Buffer) => parts.push(c));
  writeFileSync(pdf, Buffer.concat(parts));
  return {
    text: execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" }),
    info: execFileSync("pdfinfo", [pdf], { encoding: "utf8" }),
  };
}

// A whole packet (about a hundred pages) builds in each test: 15 to 30 s on an idle machine, several
// times that when the suite shares the machine. The limit only guards against a hang.
describe("auditor packet", { timeout: 240_000 }, () => {
  it("builds a verifiable ZIP whose PDF matrix agrees with the database, and rebuilds it byte for byte", async () => {
    const w = await packetWorld();
    // The lead has been a compliance lead since before the window closed: the packet's access review says so.
    await prisma.$executeRaw`INSERT INTO "UserRoleHistory" ("userId", "role", "active", "validFrom") VALUES (${w.lead.id}, 'COMPLIANCE_LEAD', true, '2026-01-15T09:00:00Z')`;
    const first = await build(w.audit.id, w.lead.id, "first");

    // Every file is in the manifest, the signature holds, and the key is the deployment's.
    const result = await verifyPacket(first.outFile, { expectedPublicKey: publicKeyInfo().pem });
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.fingerprint).toBe(publicKeyInfo().fingerprint);
    const names = (await listZipEntries(first.outFile)).map((e: { name: string }) => e.name);
    expect(names).toEqual([...names].sort());
    const inWindow = w.evidence.filter((e) => e.effectiveAt <= new Date("2026-06-30T23:59:59.999Z"));
    for (const e of inWindow) expect(names).toContain(`evidence/${w.project.slug}/${e.sha256}-report.xml`);
    expect(names.some((n: string) => n.includes(w.evidence[4].sha256!))).toBe(false); // effective after the window
    expect(names).toEqual(
      expect.arrayContaining([
        "packet.pdf",
        "manifest.json",
        "manifest.sig",
        "csv/matrix.csv",
        "csv/requests.csv",
        "csv/user-access-review.csv",
        "csv/populations.csv",
        "csv/samples.csv",
        `csv/population-${w.population.id}.csv`,
        `csv/sample-${w.sample.id}.csv`,
      ]),
    );
    const review = parse(await entryText(first.outFile, "csv/user-access-review.csv"), { columns: true }) as Array<
      Record<string, string>
    >;
    expect(review.find((r) => r.email === w.lead.email)).toMatchObject({
      as_of: "2026-06-30",
      role: "COMPLIANCE_LEAD",
      role_since: "2026-01-15T09:00:00.000Z",
    });
    expect(review.every((r) => r.role_since <= "2026-06-30T23:59:59.999Z")).toBe(true); // nobody who came later

    // The PDF: cover, contents with page numbers, page x of y, bookmarks, dates from the data.
    const { text, info } = await pdfText(first.outFile);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBe(first.pageCount);
    expect(text).toContain("SOC 2 Type II FY26 H1");
    expect(text).toMatch(new RegExp(`Generated for\\s+Lena Lead <${w.lead.email}>`));
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
    expect(text).toMatch(/Requirement, control and evidence matrix\s+\d+/);
    expect(text).toContain("No board: a two-person research team.");
    expect(text).toContain("REL-007");
    expect(text.replace(/\s+/g, " ")).toContain("restore-study: Restore the study");
    expect(text).toContain("2 h (target 4 h, met)");
    expect(text).toContain("2 h (target 1 h, missed)");
    expect(text).toContain("Evidence of access reviews (answered)");
    expect(text).toContain('Sample of 4 with seed "fy26"');
    expect(text).not.toContain("Unit tests (after the window)");
    expect(info).toMatch(/Producer:\s+Proofline/);
    const outline = await readOutline(readFileSync(path.join(dir, "first.zip.pdf")));
    expect(outline.map((o) => o.title)).toEqual([
      "Cover",
      "Contents",
      "Readiness at the end of the window",
      "Requirement, control and evidence matrix",
      "Controls",
      "Exceptions",
      "Open backlog items linked to in-scope controls",
      "Runbook exercises and drills",
      "Evidence requests and answers",
      "Populations and samples",
      "Evidence index",
      "Activity trail (excerpt)",
    ]);
    // The contents page and the bookmarks agree on where each section starts.
    for (const o of outline.slice(2))
      expect(text).toMatch(new RegExp(`${o.title.replace(/[()]/g, "\\$&")}\\s+${o.page + 1}\\n`));
    const controls = outline.find((o) => o.title === "Controls")!;
    expect(controls.children[0]).toMatch(/^[A-Z]{3}-\d\d /);

    // The matrix in the PDF and in matrix.csv agree with the database.
    const matrix = parse(await entryText(first.outFile, "csv/matrix.csv"), { columns: true }) as Array<
      Record<string, string>
    >;
    const acc02 = matrix.find((r) => r.control === "ACC-02" && r.requirement === "CC6.1")!;
    const dbCount = await prisma.evidenceControl.count({
      where: {
        control: { key: "ACC-02" },
        projectId: w.project.id,
        effectiveAt: { gte: new Date("2026-01-01T00:00:00Z"), lte: new Date("2026-06-30T23:59:59.999Z") },
      },
    });
    expect(Number(acc02.evidence_in_window)).toBe(dbCount);
    expect([acc02.pass, acc02.fail, acc02.info]).toEqual(["1", "1", "1"]);
    const soc2 = await prisma.framework.findUniqueOrThrow({ where: { key: "soc2" } });
    const mappings = await prisma.controlMapping.findMany({
      where: {
        requirement: { frameworkId: soc2.id, assessable: true, retiredAt: null },
        control: { archivedAt: null },
      },
      select: { requirement: { select: { refId: true } }, control: { select: { key: true } } },
    });
    const expected = new Set(mappings.map((m) => `${m.requirement.refId}|${m.control.key}`));
    expect(new Set(matrix.filter((r) => r.control).map((r) => `${r.requirement}|${r.control}`))).toEqual(expected);
    const row = text.split("\n").find((l) => /^\s*CC6\.1\s+ACC-02 /.test(l))!;
    expect(row).toMatch(new RegExp(`${w.project.slug}\\s+failing\\s+3 \\(1 pass, 1 fail, 0 warn\\)\\s+2026-05-20`));

    // The evidence index (drawn directly, not by react-pdf) lists every in-window original by its
    // sha256 (on two lines of 32 hex digits), once, and nothing from outside the window.
    const index = text.slice(text.lastIndexOf("Evidence index"), text.lastIndexOf("Activity trail (excerpt)"));
    for (const e of inWindow) {
      expect(index.split(e.sha256!.slice(0, 32)).length - 1, e.sha256!).toBe(1);
      expect(index).toContain(e.sha256!.slice(32));
    }
    expect(text).not.toContain(w.evidence[4].sha256!.slice(0, 32));

    // Same data, window and key: the same bytes, whether the chunks render here or in render processes.
    const second = await build(w.audit.id, w.lead.id, "second", 2);
    expect(second.sha256).toBe(first.sha256);
    expect(readFileSync(second.outFile).equals(readFileSync(first.outFile))).toBe(true);
  });

  it("names the one file that differs after a byte is flipped, and an altered manifest", async () => {
    const w = await packetWorld();
    const built = await build(w.audit.id, w.lead.id, "flip");
    const entries = await listZipEntries(built.outFile);
    const victim = entries.find((e: { name: string }) => e.name === "csv/requests.csv")!;
    // Stored or deflated, flipping a byte of the data changes what comes out (or breaks inflation).
    const tampered = path.join(dir, "tampered.zip");
    copyFileSync(built.outFile, tampered);
    const bytes = readFileSync(tampered);
    bytes[victim.dataOffset + Math.floor(victim.compressedSize / 2)] ^= 0x01;
    writeFileSync(tampered, bytes);
    const lines: string[] = [];
    const code = await verifyCommand([tampered, "--public-key", publicKeyInfo().spkiBase64], (l: string) =>
      lines.push(l),
    );
    expect(code).toBe(1);
    const differs = lines.filter((l) => l.startsWith("DIFFERS"));
    expect(differs).toHaveLength(1);
    expect(differs[0]).toMatch(/^DIFFERS csv\/requests\.csv /);

    // Altering a file and "fixing" its hash in the manifest breaks the manifest's signature instead.
    const files = new Map<string, Buffer>();
    for (const e of entries) {
      const parts: Buffer[] = [];
      await hashZipEntry(built.outFile, e, (c: Buffer) => parts.push(c));
      files.set(e.name, Buffer.concat(parts));
    }
    const forged = Buffer.concat([files.get("csv/requests.csv")!, Buffer.from("forged,row\r\n")]);
    const manifest = JSON.parse(files.get("manifest.json")!.toString("utf8"));
    const listed = manifest.files.find((f: { path: string }) => f.path === "csv/requests.csv");
    Object.assign(listed, { size: forged.length, sha256: createHash("sha256").update(forged).digest("hex") });
    files.set("csv/requests.csv", forged);
    files.set("manifest.json", Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    const reforged = path.join(dir, "reforged.zip");
    await writeDeterministicZip(
      reforged,
      [...files].map(([p, bytes]) => ({ path: p, source: { bytes } })),
      new Date("2026-07-01T00:00:00Z"),
    );
    const forgedResult = await verifyPacket(reforged, { expectedPublicKey: publicKeyInfo().pem });
    expect(forgedResult.ok).toBe(false);
    expect(forgedResult.problems).toEqual([
      { path: "manifest.json", problem: expect.stringMatching(/^does not match its signature/) },
    ]);

    const ok: string[] = [];
    expect(
      await verifyCommand([built.outFile, "--public-key", publicKeyInfo().spkiBase64], (l: string) => ok.push(l)),
    ).toBe(0);
    expect(ok.at(-1)).toBe("OK: the signature is valid and every file matches the manifest.");

    // The command line: the served one-file CLI run by plain node (no dependencies), and npm run proofline.
    const cli = (command: string, args: string[]) => {
      try {
        return { code: 0, out: execFileSync(command, args, { encoding: "utf8", stdio: "pipe" }) };
      } catch (err) {
        return { code: (err as { status: number }).status, out: (err as { stdout: string }).stdout };
      }
    };
    const served = cli(process.execPath, [
      "public/cli/proofline.mjs",
      "verify",
      tampered,
      "--public-key",
      publicKeyInfo().spkiBase64,
    ]);
    expect(served.code).toBe(1);
    expect(served.out).toContain("DIFFERS csv/requests.csv");
    const npm = cli("npm", [
      "run",
      "--silent",
      "proofline",
      "--",
      "verify",
      built.outFile,
      "--public-key",
      publicKeyInfo().spkiBase64,
    ]);
    expect(npm.code).toBe(0);
    expect(npm.out).toContain("OK: the signature is valid and every file matches the manifest.");
  });
});
