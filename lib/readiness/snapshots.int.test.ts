import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { systemCtx } from "@/lib/auth/actor";
import { ForbiddenError } from "@/lib/errors";
import { takeSnapshot } from "@/lib/readiness/take-snapshot";
import { runDailySnapshots } from "@/lib/readiness/run-daily-snapshots";
import { computeReadiness } from "@/lib/readiness/compute-readiness";
import { ctxOf, makeProject, makeUser } from "@/tests/factories";
import { fileEvidence, makeOneControlFramework } from "@/lib/readiness/testing/filed-evidence";

const NOW = new Date("2026-11-20T10:30:00.000Z");
const DAY = 86_400_000;

/** One requirement, one control expecting a weekly CI run, a passing run 20 days ago and another 3 days ago. */
async function smallProject() {
  const project = await prisma.project.update({
    where: { id: (await makeProject()).id },
    data: { createdAt: new Date(NOW.getTime() - 200 * DAY) },
  });
  const { framework: fw, control } = await makeOneControlFramework({
    projectId: project.id,
    kind: "CI_RUN",
    freshnessDays: 7,
    frequency: "WEEKLY",
  });
  for (const days of [20, 3]) {
    const at = new Date(NOW.getTime() - days * DAY);
    await fileEvidence({
      projectId: project.id,
      controlId: control.id,
      kind: "CI_RUN",
      outcome: "PASS",
      title: `run ${days}`,
      effectiveAt: at,
      via: "rule",
    });
  }
  return { project, fw };
}

describe("readiness snapshots", () => {
  it("the daily job fills 90 days of history on first run, each day as of its end, and then only what is missing", async () => {
    const { project, fw } = await smallProject();
    const first = await runDailySnapshots({ ctx: systemCtx("job"), now: NOW, projectIds: [project.id] });
    expect(first).toEqual({ projects: 1, days: 89, rows: 89 });
    const rows = await prisma.scoreSnapshot.findMany({ where: { projectId: project.id }, orderBy: { day: "asc" } });
    expect(rows.map((r) => r.day.toISOString().slice(0, 10))).toHaveLength(89);
    expect(rows[0].day.toISOString().slice(0, 10)).toBe("2026-08-23");
    expect(rows.at(-1)!.day.toISOString().slice(0, 10)).toBe("2026-11-19");
    // Met exactly while a run was under 7 days old: days -20..-14 and -3..-1 (as of each day's end).
    const metDays = rows.filter((r) => r.met === 1).map((r) => r.day.toISOString().slice(0, 10));
    expect(metDays).toEqual([
      "2026-10-31",
      "2026-11-01",
      "2026-11-02",
      "2026-11-03",
      "2026-11-04",
      "2026-11-05",
      "2026-11-06",
      "2026-11-17",
      "2026-11-18",
      "2026-11-19",
    ]);
    // Each stored figure is what the scoring module says for that moment.
    const sample = rows.find((r) => r.day.toISOString().startsWith("2026-11-06"))!;
    const direct = await computeReadiness({
      ctx: systemCtx("t"),
      projectId: project.id,
      at: new Date("2026-11-06T23:59:59.999Z"),
    });
    expect([sample.score, sample.met, sample.applicable]).toEqual([direct.result.frameworks[0].score, 1, 1]);
    expect(sample.frameworkId).toBe(fw.id);
    expect(sample.detail).toMatchObject({
      at: "2026-11-06T23:59:59.999Z",
      controlCounts: { passing: 1, failing: 0, stale: 0, not_applicable: 0 },
    });

    // Two days later only the two missing days are computed.
    const later = await runDailySnapshots({
      ctx: systemCtx("job"),
      now: new Date(NOW.getTime() + 2 * DAY),
      projectIds: [project.id],
    });
    expect(later).toEqual({ projects: 1, days: 2, rows: 2 });
    const events = await prisma.activityEvent.findMany({
      where: { projectId: project.id, action: "readiness.snapshot" },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => e.summary)).toEqual([
      { from: "2026-08-23", to: "2026-11-19", days: 89 },
      { from: "2026-11-20", to: "2026-11-21", days: 2 },
    ]);
  });

  it("a project created three days ago is filled from its creation day; one created today waits for tomorrow", async () => {
    const { project } = await smallProject();
    await prisma.project.update({ where: { id: project.id }, data: { createdAt: new Date(NOW.getTime() - 3 * DAY) } });
    expect(await runDailySnapshots({ ctx: systemCtx("job"), now: NOW, projectIds: [project.id] })).toEqual({
      projects: 1,
      days: 3,
      rows: 3,
    });
    const days = await prisma.scoreSnapshot.findMany({
      where: { projectId: project.id },
      orderBy: { day: "asc" },
      select: { day: true },
    });
    expect(days.map((d) => d.day.toISOString().slice(0, 10))).toEqual(["2026-11-17", "2026-11-18", "2026-11-19"]);

    const fresh = await smallProject();
    await prisma.project.update({ where: { id: fresh.project.id }, data: { createdAt: NOW } });
    expect(await runDailySnapshots({ ctx: systemCtx("job"), now: NOW, projectIds: [fresh.project.id] })).toEqual({
      projects: 0,
      days: 0,
      rows: 0,
    });
    expect(await prisma.scoreSnapshot.count({ where: { projectId: fresh.project.id } })).toBe(0);
  });

  it("the on-demand action records today as of now, replaces it when taken again, and is refused without the permission", async () => {
    const { project } = await smallProject();
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const taken = await takeSnapshot({ ctx: ctxOf(lead), slug: project.slug, now: NOW });
    expect(taken).toMatchObject({ day: "2026-11-20", frameworks: [{ met: 1, applicable: 1, score: 1 }] });
    // Taken again the same day: the row is replaced, not added.
    await prisma.scoreSnapshot.updateMany({ where: { projectId: project.id }, data: { met: 9 } });
    await takeSnapshot({ ctx: ctxOf(lead), slug: project.slug, now: NOW });
    expect(await prisma.scoreSnapshot.findMany({ where: { projectId: project.id }, select: { met: true } })).toEqual([
      { met: 1 },
    ]);

    const engineer = await makeUser({ role: "ENGINEER" });
    const before = await prisma.activityEvent.count();
    await expect(takeSnapshot({ ctx: ctxOf(engineer), slug: project.slug, now: NOW })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(await prisma.activityEvent.count()).toBe(before);
    const events = await prisma.activityEvent.findMany({
      where: { projectId: project.id, action: "readiness.snapshot" },
    });
    expect(events.map((e) => e.actorLabel)).toEqual([lead.email, lead.email]);
  });
});
