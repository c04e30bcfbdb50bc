// A random but reproducible world for checking the readiness module against independent SQL:
// a framework with families and requirements, controls with expectations, evidence over 200 days
// (some collected late), blockers opened and closed, runbooks with exercises. Test-only.
import type { EvidenceKind, EvidenceOutcome, ExerciseOutcome, Priority } from "@/generated/prisma/enums";
import { prisma } from "@/lib/db";
import { prng } from "@/lib/readiness/prng";
import { DAY_MS } from "@/lib/core/time";

const KINDS: EvidenceKind[] = ["CI_RUN", "TEST_REPORT", "SAST_SCAN", "AUDIT_LOG", "MANUAL_FILE", "BACKUP"];
const OUTCOMES: EvidenceOutcome[] = ["PASS", "PASS", "PASS", "FAIL", "WARN", "INFO"];

export interface TestWorld {
  projectId: string;
  frameworkId: string;
  frameworkKey: string;
}

export async function generateTestWorld(opts: {
  tag: string;
  now: Date;
  seed: number;
  controls?: number;
  requirements?: number;
}): Promise<TestWorld> {
  const rnd = prng(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const daysAgo = (max: number) => new Date(opts.now.getTime() - Math.floor(rnd() * max * DAY_MS));
  const { tag, now } = opts;
  const nControls = opts.controls ?? 30;
  const nReqs = opts.requirements ?? 40;

  const project = await prisma.project.create({ data: { slug: tag, name: `World ${tag}` } });
  const fw = await prisma.framework.create({ data: { key: `fw-${tag}`, name: `Framework ${tag}`, version: "1" } });
  await prisma.projectFramework.create({ data: { projectId: project.id, frameworkId: fw.id } });

  const families = await Promise.all(
    [1, 2, 3, 4].map((i) =>
      prisma.requirement.create({
        data: {
          frameworkId: fw.id,
          refId: `F${i}`,
          level: "family",
          assessable: false,
          title: `Family ${i}`,
          position: i,
        },
      }),
    ),
  );
  const reqs: Array<{ id: string }> = [];
  for (let i = 0; i < nReqs; i++) {
    reqs.push(
      await prisma.requirement.create({
        data: {
          frameworkId: fw.id,
          refId: `F${(i % 4) + 1}.${i}`,
          parentId: families[i % 4].id,
          level: "requirement",
          title: `Requirement ${i}`,
          position: i,
          defaultNotApplicableReason: rnd() < 0.08 ? "Not for teams like this one" : null,
        },
      }),
    );
  }

  const controls: Array<{ id: string }> = [];
  for (let i = 0; i < nControls; i++) {
    const c = await prisma.control.create({
      data: {
        key: `${tag}-C${String(i).padStart(3, "0")}`,
        title: `Control ${i}`,
        description: "",
        frequency: "MONTHLY",
        archivedAt: rnd() < 0.04 ? now : null,
      },
    });
    controls.push(c);
    const kinds = [...new Set(Array.from({ length: Math.floor(rnd() * 3) }, () => pick(KINDS)))];
    if (kinds.length)
      await prisma.controlExpectation.createMany({
        data: kinds.map((kind) => ({ controlId: c.id, kind, freshnessDays: pick([7, 30, 90]) })),
      });
    if (rnd() < 0.1)
      await prisma.projectControl.create({
        data: { projectId: project.id, controlId: c.id, notApplicable: true, justification: "Out of scope" },
      });

    const evidence = [];
    const links = [];
    for (const kind of KINDS) {
      if (rnd() < 0.5) continue;
      const count = Math.floor(rnd() * 12);
      for (let j = 0; j < count; j++) {
        const effectiveAt = daysAgo(200);
        // Mostly collected within minutes; some uploaded weeks later (a backfill).
        const collectedAt = new Date(effectiveAt.getTime() + (rnd() < 0.15 ? Math.floor(rnd() * 40 * DAY_MS) : 60_000));
        const id = `${tag}-e-${i}-${kind}-${j}`;
        const outcome = pick(OUTCOMES);
        evidence.push({
          id,
          projectId: project.id,
          kind,
          format: "test",
          title: `run ${j}`,
          outcome,
          summary: {},
          dedupeKey: id,
          effectiveAt,
          collectedAt,
        });
        links.push({
          evidenceId: id,
          controlId: c.id,
          projectId: project.id,
          kind,
          outcome,
          effectiveAt,
          collectedAt,
          via: "manual",
        });
      }
    }
    await prisma.evidence.createMany({ data: evidence });
    await prisma.evidenceControl.createMany({ data: links });
  }

  for (const r of reqs) {
    const mapped = new Set(Array.from({ length: Math.floor(rnd() * 4) }, () => pick(controls).id));
    if (mapped.size)
      await prisma.controlMapping.createMany({
        data: [...mapped].map((controlId) => ({ controlId, requirementId: r.id })),
      });
  }

  for (let i = 0; i < 12; i++) {
    const createdAt = daysAgo(150);
    const closed = rnd() < 0.5;
    const item = await prisma.backlogItem.create({
      data: {
        projectId: project.id,
        key: `${tag}-B${i}`,
        title: `Item ${i}`,
        priority: pick<Priority>(["BLOCKER", "BLOCKER", "CRITICAL", "HIGH"]),
        status: closed ? "DONE" : pick(["OPEN", "IN_PROGRESS"] as const),
        createdAt,
        closedAt: closed ? new Date(createdAt.getTime() + Math.floor(rnd() * 80 * DAY_MS)) : null,
      },
    });
    await prisma.backlogItemControl.create({ data: { itemId: item.id, controlId: pick(controls).id } });
  }

  for (let i = 0; i < 6; i++) {
    const rb = await prisma.runbook.create({
      data: {
        projectId: project.id,
        key: `${tag}-rb${i}`,
        title: `Runbook ${i}`,
        cadenceDays: rnd() < 0.8 ? pick([30, 90]) : null,
        rtoTargetSeconds: rnd() < 0.5 ? 3600 : null,
        // Often written down after its first exercises: those make it count from then.
        createdAt: daysAgo(120),
        archivedAt: rnd() < 0.15 ? daysAgo(30) : null,
      },
    });
    const linked = new Set(Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(controls).id));
    await prisma.runbookControl.createMany({ data: [...linked].map((controlId) => ({ runbookId: rb.id, controlId })) });
    const exercises = Array.from({ length: Math.floor(rnd() * 4) }, () => ({
      runbookId: rb.id,
      performedAt: daysAgo(200),
      outcome: pick<ExerciseOutcome>(["PASS", "PASS", "FAIL", "PARTIAL"]),
      measuredRtoSeconds: rnd() < 0.5 ? pick([1800, 7200]) : null,
    }));
    if (exercises.length) await prisma.runbookExercise.createMany({ data: exercises });
  }
  return { projectId: project.id, frameworkId: fw.id, frameworkKey: fw.key };
}
