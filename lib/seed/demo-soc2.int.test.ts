// Issue 13: the demo's SOC 2 readiness counts all 61 criteria, today and on every day of its history
// (the seed computes the 90 days of snapshots from today's catalogue, so there is no jump from 59).
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { systemCtx } from "@/lib/auth/actor";
import { seedDemoData } from "@/lib/seed/demo";
import { computeReadiness } from "@/lib/readiness/compute-readiness";

describe("demo SOC 2 readiness", () => {
  it(
    "counts 61 applicable criteria now and in every snapshot of every demo project",
    { timeout: 300_000 },
    async () => {
      await seedDemoData();
      const soc2 = await prisma.framework.findUniqueOrThrow({ where: { key: "soc2" } });
      const projects = await prisma.project.findMany({
        where: { frameworks: { some: { frameworkId: soc2.id } }, evidence: { some: { id: { startsWith: "demo" } } } },
      });
      expect(projects.length).toBeGreaterThan(0);
      for (const p of projects) {
        const { result } = await computeReadiness({
          ctx: systemCtx("test"),
          projectId: p.id,
          at: new Date(),
          frameworkKeys: ["soc2"],
        });
        expect(result.frameworks[0].applicable, p.slug).toBe(61);
        const snapshots = await prisma.scoreSnapshot.findMany({
          where: { projectId: p.id, frameworkId: soc2.id },
          select: { applicable: true },
        });
        expect(snapshots.length, p.slug).toBeGreaterThan(80);
        expect([...new Set(snapshots.map((s) => s.applicable))], p.slug).toEqual([61]);
      }
    },
  );
});
