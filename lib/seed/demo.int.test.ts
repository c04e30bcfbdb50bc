// The demo data as `npm start` seeds it: once only, and with originals that say what their rows say.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { seedDemoData } from "@/lib/seed/demo";
import { openBlob } from "@/lib/core/storage/blob-store";
import { parseJunit } from "@/lib/ingest/junit";
import { parseCycloneDx } from "@/lib/ingest/sbom";

async function bytesOf(sha256: string): Promise<Buffer> {
  const blob = await openBlob(sha256);
  if (!blob) throw new Error(`no blob ${sha256}`);
  const parts: Uint8Array[] = [];
  for await (const part of blob.stream as unknown as AsyncIterable<Uint8Array>) parts.push(part);
  return Buffer.concat(parts);
}

describe("demo data", () => {
  it(
    "seeds once, and recent test reports and SBOMs carry originals that parse to their rows' outcomes",
    { timeout: 240_000 },
    async () => {
      expect(await seedDemoData()).toEqual({ seeded: true });
      expect(await seedDemoData()).toEqual({ seeded: false });
      expect(await prisma.user.count({ where: { email: { endsWith: "@proofline.test" } } })).toBe(4);

      const withOriginals = await prisma.evidence.findMany({
        where: { id: { startsWith: "demo" }, sha256: { not: null } },
        select: { id: true, kind: true, outcome: true, sha256: true, byteSize: true, originalName: true },
      });
      const reports = withOriginals.filter((e) => e.kind === "TEST_REPORT");
      const sboms = withOriginals.filter((e) => e.kind === "SBOM");
      expect(reports.length).toBeGreaterThan(10);
      expect(sboms.length).toBeGreaterThan(0);
      // The demo's failing run has a report with a failing test, not only passing ones.
      expect(reports.some((e) => e.outcome === "FAIL")).toBe(true);
      // Every demo project has some.
      const projects = await prisma.evidence.groupBy({
        by: ["projectId"],
        where: { id: { startsWith: "demo" }, sha256: { not: null } },
      });
      expect(projects.length).toBe(
        await prisma.project.count({ where: { evidence: { some: { id: { startsWith: "demo" } } } } }),
      );

      // Every original hashes to its row's sha256 and parses to its row's outcome.
      for (const e of withOriginals) {
        const bytes = await bytesOf(e.sha256!);
        expect(createHash("sha256").update(bytes).digest("hex")).toBe(e.sha256);
        expect(Number(e.byteSize)).toBe(bytes.length);
        const parsed =
          e.kind === "TEST_REPORT"
            ? await parseJunit(
                (async function* () {
                  yield bytes;
                })(),
              )
            : parseCycloneDx(JSON.parse(bytes.toString("utf8")));
        expect(parsed.outcome, `${e.originalName} parsed`).toBe(e.outcome);
      }
    },
  );
});
