// Issue 13: a subservice organisation's assurance report (SOC 2 report or ISO certificate) is evidence of
// kind VENDOR_REPORT with the period it covers; it is effective at the period's end, refused without a
// period, and goes stale like any other evidence.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { ingestEvidence } from "@/lib/evidence/ingest-evidence";
import { computeReadiness } from "@/lib/readiness/compute-readiness";
import { ctxOf, makeProject, makeUser } from "@/tests/factories";

const NOW = new Date("2026-11-20T10:30:00.000Z");
async function* bytes(text: string) {
  yield new TextEncoder().encode(text);
}

describe("vendor assurance reports", () => {
  it("are stored with their period, effective at its end, and decide CC6.4 until they go stale", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const project = await makeProject({ frameworks: ["soc2"] });
    const ctx = ctxOf(lead);
    const before = await prisma.evidence.count({ where: { projectId: project.id } });
    await expect(
      ingestEvidence({
        ctx,
        projectSlug: project.slug,
        body: bytes(`%PDF no period ${project.id}`),
        meta: { format: "vendor-report", filename: "soc2.pdf" },
        now: NOW,
      }),
    ).rejects.toThrow(/period it covers/);
    expect(await prisma.evidence.count({ where: { projectId: project.id } })).toBe(before);

    const stored = await ingestEvidence({
      ctx,
      projectSlug: project.slug,
      body: bytes(`%PDF cloud provider SOC 2 Type II ${project.id}`),
      meta: {
        format: "vendor-report",
        filename: "cloud-soc2.pdf",
        title: "Cloud provider SOC 2 Type II",
        periodStart: "2025-07-01T00:00:00.000Z",
        periodEnd: "2026-06-30T23:59:59.999Z",
      },
      now: NOW,
    });
    const row = await prisma.evidence.findUniqueOrThrow({ where: { id: stored.id } });
    expect(row).toMatchObject({ kind: "VENDOR_REPORT", format: "vendor-report", outcome: "PASS" });
    expect(row.effectiveAt.toISOString()).toBe("2026-06-30T23:59:59.999Z");
    expect(row.periodStart?.toISOString()).toBe("2025-07-01T00:00:00.000Z");

    // File it under VND-05 (the starter control for CC6.4) and score: CC6.4 is met now, and stale
    // 455 days after the period's end.
    const vnd05 = await prisma.control.findUniqueOrThrow({ where: { key: "VND-05" } });
    await prisma.evidenceControl.create({
      data: {
        evidenceId: row.id,
        controlId: vnd05.id,
        projectId: project.id,
        kind: row.kind,
        outcome: row.outcome,
        effectiveAt: row.effectiveAt,
        collectedAt: row.collectedAt,
        via: "manual",
      },
    });
    // Only VND-05 decides CC6.4 here: the project marks the other controls mapped to it not applicable.
    const others = await prisma.control.findMany({
      where: {
        key: { not: "VND-05" },
        mappings: { some: { requirement: { refId: "CC6.4", framework: { key: "soc2" } } } },
      },
    });
    await prisma.projectControl.createMany({
      data: others.map((c) => ({
        projectId: project.id,
        controlId: c.id,
        notApplicable: true,
        justification: "Covered by the provider's report",
      })),
    });
    const at = async (when: Date) => {
      const { result } = await computeReadiness({ ctx, projectId: project.id, at: when });
      return [
        result.controls.find((c) => c.key === "VND-05")!.state,
        result.frameworks[0].requirements.find((r) => r.refId === "CC6.4")!.status,
      ];
    };
    expect(await at(NOW)).toEqual(["passing", "met"]);
    expect(await at(new Date("2027-09-28T23:59:59.998Z"))).toEqual(["passing", "met"]);
    expect(await at(new Date("2027-09-28T23:59:59.999Z"))).toEqual(["stale", "unmet"]);
  });
});
