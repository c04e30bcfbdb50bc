// The readiness store's property: whatever is written and however the clock moves, the answer read
// through the store is the answer computed afresh from the facts, byte for byte.
import { describe, expect, it } from "vitest";
import type { EvidenceKind, EvidenceOutcome, ExerciseOutcome } from "@/generated/prisma/enums";
import { prisma } from "@/lib/db";
import { systemCtx } from "@/lib/auth/actor";
import { computeReadiness, readinessComputations } from "@/lib/readiness/compute-readiness";
import { readStoredReadiness } from "@/lib/readiness/readiness-store";
import { getDashboardReadiness } from "@/lib/readiness/get-dashboard-readiness";
import { prng } from "@/lib/readiness/prng";
import { generateTestWorld } from "@/lib/readiness/testing/world";
import { fileEvidence, makeOneControlFramework } from "@/lib/readiness/testing/filed-evidence";
import { ctxOf, makeProject, makeUser, uniq } from "@/tests/factories";

const NOW = new Date("2026-11-20T10:30:00.000Z");
const DAY = 86_400_000;
const KINDS: EvidenceKind[] = ["CI_RUN", "TEST_REPORT", "SAST_SCAN", "AUDIT_LOG", "MANUAL_FILE", "BACKUP"];
const OUTCOMES: EvidenceOutcome[] = ["PASS", "PASS", "FAIL", "WARN"];

async function generation(scope: string): Promise<bigint> {
  const rows = await prisma.$queryRaw<
    Array<{ generation: bigint }>
  >`SELECT generation FROM "ReadinessGeneration" WHERE scope = ${scope}`;
  return rows[0]?.generation ?? 0n;
}

async function storedValidUntil(projectId: string): Promise<Date | null> {
  const rows = await prisma.$queryRaw<
    Array<{ v: Date | null }>
  >`SELECT min("validUntil") AS v FROM "ReadinessStoredFramework" WHERE "projectId" = ${projectId}`;
  return rows[0]?.v ?? null;
}

describe("readiness store: the stored answer is always the fresh one", () => {
  for (const seed of [3, 17, 41]) {
    it(`seed ${seed}: random writes and clock moves, compared after every step`, async () => {
      const rnd = prng(seed * 7919);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
      const tag = uniq(`st${seed}`);
      const world = await generateTestWorld({ tag, now: NOW, seed, controls: 18, requirements: 24 });
      // A second framework sharing some controls: answers are stored per framework and per control.
      const fw2 = await prisma.framework.create({ data: { key: `fw2-${tag}`, name: "Second", version: "1" } });
      await prisma.projectFramework.create({ data: { projectId: world.projectId, frameworkId: fw2.id } });
      const controls = await prisma.control.findMany({
        where: { key: { startsWith: `${tag}-C` } },
        select: { id: true },
        orderBy: { key: "asc" },
      });
      for (let i = 0; i < 6; i++) {
        const r = await prisma.requirement.create({
          data: { frameworkId: fw2.id, refId: `S${i}`, level: "requirement", title: `S${i}`, position: i },
        });
        await prisma.controlMapping.create({ data: { requirementId: r.id, controlId: pick(controls).id } });
      }
      const runbooks = await prisma.runbook.findMany({ where: { projectId: world.projectId }, select: { id: true } });

      let at = NOW;
      let n = 0;
      const seen = { hits: 0, misses: 0, steps: [] as string[] };
      const writes: Array<[string, () => Promise<unknown>]> = [
        [
          "evidence",
          async () => {
            const kind = pick(KINDS);
            const effectiveAt = new Date(at.getTime() + Math.floor((rnd() * 40 - 30) * DAY));
            const collectedAt = new Date(effectiveAt.getTime() + (rnd() < 0.3 ? Math.floor(rnd() * 10 * DAY) : 60_000));
            const outcome = pick(OUTCOMES);
            const id = `${tag}-x${n++}`;
            await prisma.evidence.create({
              data: {
                id,
                projectId: world.projectId,
                kind,
                format: "test",
                title: `new ${id}`,
                outcome,
                summary: {},
                dedupeKey: id,
                effectiveAt,
                collectedAt,
              },
            });
            await prisma.evidenceControl.create({
              data: {
                evidenceId: id,
                controlId: pick(controls).id,
                projectId: world.projectId,
                kind,
                outcome,
                effectiveAt,
                collectedAt,
                via: "manual",
              },
            });
          },
        ],
        [
          "delete evidence",
          async () => {
            const ev = await prisma.evidence.findFirst({
              where: { projectId: world.projectId },
              skip: Math.floor(rnd() * 20),
              select: { id: true },
            });
            if (ev) await prisma.evidence.delete({ where: { id: ev.id } });
          },
        ],
        [
          "blocker",
          async () => {
            const createdAt = new Date(at.getTime() + Math.floor((rnd() * 20 - 15) * DAY));
            const closedAt = rnd() < 0.5 ? new Date(createdAt.getTime() + Math.floor(rnd() * 20 * DAY)) : null;
            const item = await prisma.backlogItem.create({
              data: {
                projectId: world.projectId,
                key: `${tag}-nb${n++}`,
                title: "New blocker",
                priority: "BLOCKER",
                status: closedAt ? "DONE" : "OPEN",
                createdAt,
                closedAt,
              },
            });
            await prisma.backlogItemControl.create({ data: { itemId: item.id, controlId: pick(controls).id } });
          },
        ],
        [
          "close blockers",
          async () => {
            await prisma.backlogItem.updateMany({
              where: { projectId: world.projectId, priority: "BLOCKER", closedAt: null },
              data: { status: "DONE", closedAt: at },
            });
          },
        ],
        [
          "exercise",
          async () => {
            await prisma.runbookExercise.create({
              data: {
                runbookId: pick(runbooks).id,
                performedAt: new Date(at.getTime() + Math.floor((rnd() * 30 - 20) * DAY)),
                outcome: pick<ExerciseOutcome>(["PASS", "PASS", "FAIL"]),
                measuredRtoSeconds: pick([null, 600, 7200]),
              },
            });
          },
        ],
        [
          "runbook cadence",
          async () => {
            await prisma.runbook.update({
              where: { id: pick(runbooks).id },
              data: {
                cadenceDays: pick([null, 7, 30]),
                archivedAt: rnd() < 0.2 ? new Date(at.getTime() + 3 * DAY) : null,
              },
            });
          },
        ],
        [
          "link runbook",
          async () => {
            await prisma.runbookControl.createMany({
              data: [{ runbookId: pick(runbooks).id, controlId: pick(controls).id }],
              skipDuplicates: true,
            });
          },
        ],
        [
          "not applicable",
          async () => {
            const controlId = pick(controls).id;
            const notApplicable = rnd() < 0.6;
            await prisma.projectControl.upsert({
              where: { projectId_controlId: { projectId: world.projectId, controlId } },
              create: { projectId: world.projectId, controlId, notApplicable, justification: "Out of scope" },
              update: { notApplicable },
            });
          },
        ],
        [
          "mapping",
          async () => {
            const reqs = await prisma.requirement.findMany({
              where: { frameworkId: { in: [world.frameworkId, fw2.id] }, assessable: true },
              select: { id: true },
            });
            const requirementId = pick(reqs).id;
            const controlId = pick(controls).id;
            const existing = await prisma.controlMapping.findUnique({
              where: { controlId_requirementId: { controlId, requirementId } },
            });
            if (existing)
              await prisma.controlMapping.delete({ where: { controlId_requirementId: { controlId, requirementId } } });
            else await prisma.controlMapping.create({ data: { controlId, requirementId } });
          },
        ],
        [
          "expectation",
          async () => {
            const controlId = pick(controls).id;
            const kind = pick(KINDS);
            await prisma.controlExpectation.upsert({
              where: { controlId_kind: { controlId, kind } },
              create: { controlId, kind, freshnessDays: pick([7, 30]) },
              update: { freshnessDays: pick([1, 7, 90]) },
            });
          },
        ],
        [
          "archive control",
          async () => {
            await prisma.control.update({
              where: { id: pick(controls).id },
              data: { archivedAt: rnd() < 0.5 ? at : null },
            });
          },
        ],
        [
          "retire requirement",
          async () => {
            const r = await prisma.requirement.findFirst({
              where: { frameworkId: world.frameworkId, assessable: true },
              skip: Math.floor(rnd() * 20),
              select: { id: true, retiredAt: true },
            });
            if (r)
              await prisma.requirement.update({ where: { id: r.id }, data: { retiredAt: r.retiredAt ? null : at } });
          },
        ],
        [
          "security alert",
          async () => {
            const openedAt = new Date(at.getTime() + Math.floor((rnd() * 45 - 40) * DAY));
            const closedAt = rnd() < 0.4 ? new Date(openedAt.getTime() + Math.floor(rnd() * 30 * DAY)) : null;
            await prisma.securityAlert.create({
              data: {
                projectId: world.projectId,
                source: "dependabot",
                repo: "acme/app",
                number: n++,
                kind: pick<EvidenceKind>(["SAST_SCAN", "DEPENDENCY_AUDIT", "CI_RUN"]),
                severity: pick(["critical", "high", "medium", "low"]),
                title: "An alert",
                state: closedAt ? "fixed" : "open",
                openedAt,
                closedAt,
              },
            });
          },
        ],
        [
          "remediation policy",
          async () => {
            const days = {
              criticalDays: pick([1, 15]),
              highDays: pick([3, 30]),
              mediumDays: pick([10, 90]),
              lowDays: 180,
            };
            await prisma.remediationPolicy.upsert({
              where: { projectId: world.projectId },
              create: { projectId: world.projectId, ...days },
              update: days,
            });
          },
        ],
        [
          "drop framework",
          async () => {
            const linked = await prisma.projectFramework.findUnique({
              where: { projectId_frameworkId: { projectId: world.projectId, frameworkId: fw2.id } },
            });
            if (linked)
              await prisma.projectFramework.delete({
                where: { projectId_frameworkId: { projectId: world.projectId, frameworkId: fw2.id } },
              });
            else await prisma.projectFramework.create({ data: { projectId: world.projectId, frameworkId: fw2.id } });
          },
        ],
      ];
      const clockMoves: Array<[string, () => Promise<Date>]> = [
        ["a few hours", async () => new Date(at.getTime() + Math.floor(rnd() * 8 * 3_600_000))],
        ["days ahead", async () => new Date(at.getTime() + Math.floor(rnd() * 20 * DAY))],
        ["back in time", async () => new Date(at.getTime() - Math.floor(rnd() * 15 * DAY))],
        // Exactly onto (or just before) the instant the store said its answer turns over.
        ["to validUntil", async () => (await storedValidUntil(world.projectId)) ?? at],
        [
          "just before validUntil",
          async () => new Date(((await storedValidUntil(world.projectId)) ?? new Date(at.getTime() + 1)).getTime() - 1),
        ],
      ];

      for (let step = 0; step < 60; step++) {
        if (rnd() < 0.45) {
          const [name, write] = pick(writes);
          await write();
          seen.steps.push(name);
        } else {
          const [name, move] = pick(clockMoves);
          at = await move();
          seen.steps.push(`clock: ${name}`);
        }
        const frameworkKeys = rnd() < 0.25 ? [world.frameworkKey] : undefined;
        const lookup = await readStoredReadiness({ projectId: world.projectId, at, frameworkKeys });
        if (lookup.result) seen.hits++;
        else seen.misses++;
        const stored = await computeReadiness({
          ctx: systemCtx("test"),
          projectId: world.projectId,
          at,
          frameworkKeys,
        });
        const fresh = await computeReadiness({
          ctx: systemCtx("test"),
          projectId: world.projectId,
          at,
          frameworkKeys,
          fresh: true,
        });
        expect(JSON.stringify(stored.result), `after ${seen.steps.join(", ")} at ${at.toISOString()}`).toBe(
          JSON.stringify(fresh.result),
        );
        // Read again: now mostly from the answer just stored (not after a step back in time, which never
        // replaces the answer for a later moment).
        const again = await readStoredReadiness({ projectId: world.projectId, at, frameworkKeys });
        if (again.result) {
          seen.hits++;
          expect(JSON.stringify(again.result), `re-read after ${seen.steps.join(", ")}`).toBe(
            JSON.stringify(fresh.result),
          );
        }
      }
      // Not vacuous: both paths were taken many times.
      expect(seen.hits).toBeGreaterThan(40);
      expect(seen.misses).toBeGreaterThan(20);
    }, 120_000);
  }
});

describe("readiness store: invalidation", () => {
  it("every table readiness reads bumps the generation of the project, or of the shared catalogue, in the writing transaction", async () => {
    const project = await makeProject();
    const tag = uniq("inv");
    const fw = await prisma.framework.create({ data: { key: `fw-${tag}`, name: "F", version: "1" } });
    const control = await prisma.control.create({
      data: { key: `${tag}-C`, title: "C", description: "", frequency: "DAILY" },
    });
    const runbook = await prisma.runbook.create({ data: { projectId: project.id, key: `${tag}-rb`, title: "R" } });
    const item = await prisma.backlogItem.create({ data: { projectId: project.id, title: "B", priority: "BLOCKER" } });
    const bumps = async (scope: string, write: () => Promise<unknown>) => {
      const before = await generation(scope);
      await write();
      return (await generation(scope)) > before;
    };
    const p = project.id;
    expect(await bumps(p, () => prisma.projectFramework.create({ data: { projectId: p, frameworkId: fw.id } }))).toBe(
      true,
    );
    expect(
      await bumps(p, () =>
        prisma.projectControl.create({ data: { projectId: p, controlId: control.id, notApplicable: true } }),
      ),
    ).toBe(true);
    expect(
      await bumps(p, () =>
        prisma.evidence.create({
          data: {
            id: `${tag}-e`,
            projectId: p,
            kind: "CI_RUN",
            format: "t",
            title: "e",
            outcome: "PASS",
            summary: {},
            dedupeKey: tag,
            effectiveAt: NOW,
          },
        }),
      ),
    ).toBe(true);
    expect(
      await bumps(p, () =>
        prisma.evidenceControl.create({
          data: {
            evidenceId: `${tag}-e`,
            controlId: control.id,
            projectId: p,
            kind: "CI_RUN",
            outcome: "PASS",
            effectiveAt: NOW,
            collectedAt: NOW,
            via: "manual",
          },
        }),
      ),
    ).toBe(true);
    expect(
      await bumps(p, () => prisma.backlogItemControl.create({ data: { itemId: item.id, controlId: control.id } })),
    ).toBe(true);
    expect(
      await bumps(p, () =>
        prisma.backlogItem.update({ where: { id: item.id }, data: { status: "DONE", closedAt: NOW } }),
      ),
    ).toBe(true);
    expect(
      await bumps(p, () => prisma.runbookControl.create({ data: { runbookId: runbook.id, controlId: control.id } })),
    ).toBe(true);
    expect(
      await bumps(p, () =>
        prisma.runbookExercise.create({ data: { runbookId: runbook.id, performedAt: NOW, outcome: "PASS" } }),
      ),
    ).toBe(true);
    expect(await bumps(p, () => prisma.runbook.update({ where: { id: runbook.id }, data: { cadenceDays: 30 } }))).toBe(
      true,
    );
    expect(
      await bumps(p, () =>
        prisma.securityAlert.create({
          data: {
            projectId: p,
            source: "dependabot",
            repo: "a/b",
            number: 1,
            kind: "DEPENDENCY_AUDIT",
            severity: "high",
            title: "A",
            state: "open",
            openedAt: NOW,
          },
        }),
      ),
    ).toBe(true);
    expect(await bumps(p, () => prisma.remediationPolicy.create({ data: { projectId: p, highDays: 7 } }))).toBe(true);
    expect(
      await bumps("*", () =>
        prisma.controlExpectation.create({ data: { controlId: control.id, kind: "CI_RUN", freshnessDays: 7 } }),
      ),
    ).toBe(true);
    const req = await prisma.requirement.create({
      data: { frameworkId: fw.id, refId: "R1", level: "requirement", title: "R1" },
    });
    expect(
      await bumps("*", () => prisma.controlMapping.create({ data: { controlId: control.id, requirementId: req.id } })),
    ).toBe(true);
    expect(await bumps("*", () => prisma.requirement.update({ where: { id: req.id }, data: { retiredAt: NOW } }))).toBe(
      true,
    );
    expect(
      await bumps("*", () => prisma.control.update({ where: { id: control.id }, data: { archivedAt: NOW } })),
    ).toBe(true);
    expect(await bumps("*", () => prisma.framework.update({ where: { id: fw.id }, data: { name: "F2" } }))).toBe(true);
    // A rolled-back write leaves the generation where it was; a committed one moves it at commit.
    const before = await generation(p);
    await prisma
      .$transaction(async (tx) => {
        await tx.runbookExercise.create({ data: { runbookId: runbook.id, performedAt: NOW, outcome: "FAIL" } });
        throw new Error("roll back");
      })
      .catch(() => undefined);
    expect(await generation(p)).toBe(before);
    // Deleting the project drops its stored answers.
    await computeReadiness({ ctx: systemCtx("test"), projectId: p, at: NOW });
    expect(await prisma.readinessStoredFramework.count({ where: { projectId: p } })).toBe(1);
    await prisma.project.delete({ where: { id: p } });
    expect(await prisma.readinessStoredFramework.count({ where: { projectId: p } })).toBe(0);
    expect(await prisma.readinessStoredControl.count({ where: { projectId: p } })).toBe(0);
  });

  it("a stored answer is valid until the next expiry, and an answer about the past never replaces the one for now", async () => {
    const project = await makeProject();
    const tag = uniq("vu");
    const { control } = await makeOneControlFramework({
      projectId: project.id,
      kind: "CI_RUN",
      freshnessDays: 7,
      frequency: "DAILY",
      frameworkKey: `fw-${tag}`,
      controlKey: `${tag}-C`,
    });
    const effectiveAt = new Date(NOW.getTime() - 2 * DAY);
    await fileEvidence({
      id: `${tag}-e`,
      projectId: project.id,
      controlId: control.id,
      kind: "CI_RUN",
      outcome: "PASS",
      title: "e",
      effectiveAt,
      dedupeKey: tag,
    });

    const now = await computeReadiness({ ctx: systemCtx("test"), projectId: project.id, at: NOW });
    expect(now.result.controls[0].state).toBe("passing");
    const expiry = new Date(effectiveAt.getTime() + 7 * DAY);
    expect(await storedValidUntil(project.id)).toEqual(expiry);
    expect(
      (await readStoredReadiness({ projectId: project.id, at: new Date(expiry.getTime() - 1) })).result?.controls[0]
        .state,
    ).toBe("passing");
    expect((await readStoredReadiness({ projectId: project.id, at: expiry })).result).toBeNull();
    expect(
      (await computeReadiness({ ctx: systemCtx("test"), projectId: project.id, at: expiry })).result.controls[0].state,
    ).toBe("stale");

    // Asking about last month recomputes and leaves the stored answer for now in place.
    const stored = await prisma.readinessStoredFramework.findFirstOrThrow({
      where: { projectId: project.id },
      select: { computedAt: true },
    });
    await computeReadiness({ ctx: systemCtx("test"), projectId: project.id, at: new Date(NOW.getTime() - 30 * DAY) });
    expect(
      (
        await prisma.readinessStoredFramework.findFirstOrThrow({
          where: { projectId: project.id },
          select: { computedAt: true },
        })
      ).computedAt,
    ).toEqual(stored.computedAt);
  });
});

describe("readiness store: the process's copy", () => {
  it("a read-only caller is handed the frozen copy itself; others get their own, and what they change stays theirs", async () => {
    const world = await generateTestWorld({ tag: uniq("ro"), now: NOW, seed: 7, controls: 8, requirements: 10 });
    const ctx = systemCtx("test");
    const fresh = await computeReadiness({ ctx, projectId: world.projectId, at: NOW, fresh: true });
    await readStoredReadiness({ projectId: world.projectId, at: NOW }); // the process keeps its copy
    const shared = await computeReadiness({ ctx, projectId: world.projectId, at: NOW, readOnly: true });
    expect(Object.isFrozen(shared.result.controls)).toBe(true);
    expect(Object.isFrozen(shared.result.frameworks[0].controlCounts)).toBe(true);
    expect(() => shared.result.controls.pop()).toThrow(TypeError);
    const own = await computeReadiness({ ctx, projectId: world.projectId, at: NOW });
    expect(Object.isFrozen(own.result.controls)).toBe(false);
    own.result.controls.length = 0;
    own.result.frameworks[0].met = -1;
    const again = await computeReadiness({ ctx, projectId: world.projectId, at: NOW, readOnly: true });
    expect(JSON.stringify(again.result)).toBe(JSON.stringify(fresh.result));
  });
});

describe("readiness store: the dashboard's cards", () => {
  it("kept from the stored answer, they show exactly what a computation shows, and a write sends them back to computing", async () => {
    const world = await generateTestWorld({ tag: uniq("cards"), now: NOW, seed: 23, controls: 12, requirements: 16 });
    const lead = ctxOf(await makeUser({ role: "COMPLIANCE_LEAD" }));
    const slug = (await prisma.project.findUniqueOrThrow({ where: { id: world.projectId }, select: { slug: true } }))
      .slug;
    const first = await getDashboardReadiness({ ctx: lead, now: NOW, project: slug });
    expect((await readStoredReadiness({ projectId: world.projectId, at: NOW })).result?.frameworks).toHaveLength(1);
    const computed = readinessComputations();
    const second = await getDashboardReadiness({ ctx: lead, now: NOW, project: slug });
    expect(readinessComputations()).toBe(computed);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    const fresh = (await computeReadiness({ ctx: lead, projectId: world.projectId, at: NOW, fresh: true })).result
      .frameworks[0];
    expect(second.cards[0]).toMatchObject({
      score: fresh.score,
      met: fresh.met,
      applicable: fresh.applicable,
      controlCounts: fresh.controlCounts,
    });

    // A not-applicable marking changes the figures: the stored ones are no longer used.
    const control = await prisma.control.findFirstOrThrow({
      where: { key: { startsWith: `${slug}-C` }, archivedAt: null },
      select: { id: true },
    });
    await prisma.projectControl.upsert({
      where: { projectId_controlId: { projectId: world.projectId, controlId: control.id } },
      create: { projectId: world.projectId, controlId: control.id, notApplicable: true, justification: "x" },
      update: { notApplicable: true },
    });
    expect((await readStoredReadiness({ projectId: world.projectId, at: NOW })).result).toBeNull();
    const beforeThird = readinessComputations();
    const third = await getDashboardReadiness({ ctx: lead, now: NOW, project: slug });
    expect(readinessComputations()).toBe(beforeThird + 1);
    const after = (await computeReadiness({ ctx: lead, projectId: world.projectId, at: NOW, fresh: true })).result
      .frameworks[0];
    expect(third.cards[0].controlCounts).toEqual(after.controlCounts);
    expect(third.cards[0].controlCounts.not_applicable).toBeGreaterThan(first.cards[0].controlCounts.not_applicable);
  });
});
