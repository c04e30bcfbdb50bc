// Runbooks by hand: versions kept on edit, exercises, due dates and the overview's overdue list.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createRunbook } from "@/lib/runbooks/create-runbook";
import { updateRunbook } from "@/lib/runbooks/update-runbook";
import { recordExercise } from "@/lib/runbooks/record-exercise";
import { getRunbook } from "@/lib/runbooks/get-runbook";
import { listRunbooks } from "@/lib/runbooks/list-runbooks";
import { overdueExercises } from "@/lib/runbooks/overdue-exercises";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { ctxOf, makeProject, makeUser } from "@/tests/factories";
import type { SessionUser } from "@/lib/auth/actor";

const day = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000);

/** A runbook of the project, created by `lead` on day 0. */
function newRunbook(lead: SessionUser, project: { slug: string }, data: Parameters<typeof createRunbook>[0]["data"]) {
  return createRunbook({ ctx: ctxOf(lead), slug: project.slug, now: day(0), data });
}

/** `user` changes the project's runbook at `now`. */
function editRunbook(
  user: SessionUser,
  project: { slug: string },
  runbookId: string,
  now: Date,
  data: Parameters<typeof updateRunbook>[0]["data"],
) {
  return updateRunbook({ ctx: ctxOf(user), slug: project.slug, runbookId, now, data });
}

describe("runbooks", () => {
  it("keeps every version of the steps and shows an old one on request", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const project = await makeProject();
    const rb = await newRunbook(lead, project, {
      title: "Restore the study database",
      steps: [{ text: "Stop writes" }, { text: "Restore" }],
      cadenceDays: 90,
      rtoTargetSeconds: 3600,
      ownerId: lead.id,
    });
    expect(rb.key).toBe("restore-the-study-database");
    await expect(
      newRunbook(lead, project, { title: "Restore the study database", steps: [{ text: "x" }] }),
    ).rejects.toBeInstanceOf(ConflictError);
    await editRunbook(lead, project, rb.id, day(1), {
      steps: [{ text: "Stop writes" }, { text: "Restore from the encrypted snapshot" }, { text: "Compare row counts" }],
      note: "Use the encrypted copy",
    });
    await editRunbook(lead, project, rb.id, day(2), { cadenceDays: 30 }); // not a new version
    const current = await getRunbook({ ctx: ctxOf(lead), slug: project.slug, runbookId: rb.id, now: day(3) });
    expect(current.currentVersion).toBe(2);
    expect(current.shownVersion.steps.map((s) => s.text)).toEqual([
      "Stop writes",
      "Restore from the encrypted snapshot",
      "Compare row counts",
    ]);
    expect(current.versions.map((v) => [v.version, v.steps, v.note, v.editedBy])).toEqual([
      [2, 3, "Use the encrypted copy", lead.name],
      [1, 2, "Written in Proofline", lead.name],
    ]);
    const first = await getRunbook({ ctx: ctxOf(lead), slug: project.slug, runbookId: rb.id, now: day(3), version: 1 });
    expect(first.shownVersion.steps.map((s) => s.text)).toEqual(["Stop writes", "Restore"]);
    const actions = (await prisma.activityEvent.findMany({ where: { entityId: rb.id }, orderBy: { id: "asc" } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(["runbook.create", "runbook.update", "runbook.update"]);
  });

  it("opens a runbook that has no version rows yet, and the first steps written become its version 1", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const project = await makeProject();
    // As the demo seed once wrote it: a runbook row without any version (its page answered 404 "no version undefined").
    const bare = await prisma.runbook.create({
      data: { projectId: project.id, key: "restore-study", title: "Restore drill", cadenceDays: 90, createdAt: day(0) },
    });
    const shown = await getRunbook({ ctx: ctxOf(lead), slug: project.slug, runbookId: bare.id, now: day(1) });
    expect(shown.shownVersion).toMatchObject({ version: 1, title: "Restore drill", steps: [] });
    expect(shown.versions).toEqual([]);
    await expect(
      getRunbook({ ctx: ctxOf(lead), slug: project.slug, runbookId: bare.id, now: day(1), version: 2 }),
    ).rejects.toThrow(new NotFoundError("This runbook has no version 2."));
    // Settings change without steps: still no version rows.
    await editRunbook(lead, project, bare.id, day(2), { cadenceDays: 30 });
    expect(await prisma.runbookVersion.count({ where: { runbookId: bare.id } })).toBe(0);
    await editRunbook(lead, project, bare.id, day(3), {
      steps: [{ text: "Restore last night's snapshot" }, { text: "Run the smoke tests" }],
    });
    const written = await getRunbook({ ctx: ctxOf(lead), slug: project.slug, runbookId: bare.id, now: day(4) });
    expect([
      written.currentVersion,
      written.versions.map((v) => v.version),
      written.shownVersion.steps.map((s) => s.text),
    ]).toEqual([1, [1], ["Restore last night's snapshot", "Run the smoke tests"]]);
  });

  it("counts the next exercise from the last one and lists overdue runbooks first", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const engineer = await makeUser({ role: "ENGINEER" });
    const project = await makeProject();
    const drill = await newRunbook(lead, project, {
      title: "Quarterly restore drill",
      steps: [{ text: "Restore" }],
      cadenceDays: 90,
    });
    const rotation = await newRunbook(lead, project, {
      title: "Key rotation",
      steps: [{ text: "Rotate" }],
      cadenceDays: 365,
    });
    await recordExercise({
      ctx: ctxOf(engineer),
      slug: project.slug,
      runbookId: drill.id,
      now: day(10),
      data: { performedAt: day(10).toISOString(), outcome: "PASS", measuredRtoSeconds: 1800 },
    });
    await expect(editRunbook(engineer, project, drill.id, day(11), { cadenceDays: 7 })).rejects.toBeInstanceOf(
      ForbiddenError,
    );

    const before = await listRunbooks({ ctx: ctxOf(engineer), slug: project.slug, now: day(95) });
    expect(before.map((r) => [r.title, r.schedule.state])).toEqual([
      ["Quarterly restore drill", "due-soon"],
      ["Key rotation", "ok"],
    ]);
    const later = await listRunbooks({ ctx: ctxOf(engineer), slug: project.slug, now: day(101) });
    expect(later[0]).toMatchObject({
      title: "Quarterly restore drill",
      schedule: { state: "overdue", dueAt: day(100) },
    });
    const overview = await overdueExercises({ ctx: ctxOf(engineer), projectId: project.id, now: day(101) });
    expect(overview).toMatchObject({ scheduled: 2, attention: [{ id: drill.id, schedule: { state: "overdue" } }] });
    expect(rotation.cadenceDays).toBe(365);
  });
});
