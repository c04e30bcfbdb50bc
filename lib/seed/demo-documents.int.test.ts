// The demo on a fresh clone: `npm start` seeds the demo documents that ship with the repository, so every
// demo project shows backlog items in blocks, runbooks with their steps, and exercises.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { seedDemoData } from "@/lib/seed/demo";
import { DEMO_PROJECTS } from "@/lib/seed/demo-projects";
import { getRunbook } from "@/lib/runbooks/get-runbook";
import { listBacklogItems } from "@/lib/backlog/list-backlog-items";
import { ctxOf } from "@/tests/factories";

describe("demo data from the repository's own documents", () => {
  it(
    "gives every demo project backlog items, blocks, runbooks with steps, and exercises",
    { timeout: 240_000 },
    async () => {
      expect(await seedDemoData()).toEqual({ seeded: true });
      const lead = await prisma.user.findUniqueOrThrow({
        where: { email: "lead@proofline.test" },
        select: { id: true, email: true, name: true, role: true },
      });
      const ctx = ctxOf(lead);
      const expected: Record<string, { items: number; documents: number; runbooks: string[] }> = {
        "report-ai-portal": {
          items: 30,
          documents: 2,
          runbooks: ["incident-response", "key-rotation", "restore-study"],
        },
        "mlsdm-engine": { items: 12, documents: 1, runbooks: ["rollback-runbook"] },
        datacue: { items: 13, documents: 1, runbooks: ["outage-playbook"] },
        lexecon: { items: 14, documents: 1, runbooks: ["ledger-replay-runbook", "regional-failover-runbook"] },
      };
      expect(Object.keys(expected).sort()).toEqual(DEMO_PROJECTS.map((p) => p.slug).sort());
      for (const project of DEMO_PROJECTS) {
        const want = expected[project.slug];
        const imported = await prisma.backlogItem.findMany({
          where: { project: { slug: project.slug }, documentId: { not: null } },
          select: { block: true },
        });
        expect(imported.length, project.slug).toBe(want.items);
        expect(new Set(imported.map((i) => i.block).filter(Boolean)).size, `${project.slug} blocks`).toBeGreaterThan(1);
        expect(await prisma.sourceDocument.count({ where: { project: { slug: project.slug } } })).toBe(want.documents);
        // The backlog page's list shows them (through the same operation as the page).
        const page = await listBacklogItems({ ctx, slug: project.slug, filters: {}, limit: 100 });
        expect(page.items.filter((i) => i.block).length, `${project.slug} backlog list`).toBeGreaterThan(0);

        const runbooks = await prisma.runbook.findMany({
          where: { project: { slug: project.slug } },
          orderBy: { key: "asc" },
          select: { id: true, key: true, _count: { select: { versions: true, exercises: true } } },
        });
        expect(
          runbooks.map((r) => r.key),
          project.slug,
        ).toEqual(want.runbooks);
        for (const r of runbooks) {
          expect(r._count.versions, `${r.key} has its steps as a version`).toBeGreaterThan(0);
          expect(r._count.exercises, `${r.key} has been exercised`).toBeGreaterThan(0);
          // Every runbook page opens with its current steps (the seeded restore drill answered 404 before).
          const detail = await getRunbook({ ctx, slug: project.slug, runbookId: r.id, now: new Date() });
          expect(detail.shownVersion.steps.length, r.key).toBeGreaterThan(0);
        }
      }
      // The readiness story's restore drill is the portal's imported one, overdue.
      const drill = await prisma.runbook.findFirstOrThrow({
        where: { key: "restore-study", project: { slug: "report-ai-portal" } },
        select: { title: true, cadenceDays: true, documentId: true },
      });
      expect(drill).toMatchObject({ title: "Snapshot Restore Drill", cadenceDays: 90, documentId: expect.any(String) });
    },
  );
});
