// Issue 16: Proofline's own restore drill against a real PostgreSQL: dump (pg_dump, and the logical copy
// used where no pg_dump fits the server), restore into a scratch database, row counts per table and
// the activity trail checked on the copy, the result pushed as restore-drill evidence that readiness
// files under the project's drill control; a broken copy is FAIL evidence with the reason.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { makeProject, makeUser, ctxOf } from "@/tests/factories";
import { controlByKey } from "@/lib/evidence/testing/helpers";
import { runRestoreDrill } from "@/lib/drill/run-restore-drill";
import { findPgTools } from "@/lib/drill/pg-tools";
import { recordRestoreDrill } from "@/lib/drill/record-restore-drill";
import { createProject } from "@/lib/projects/create-project";

const url = () => process.env.DATABASE_URL!;

async function owner<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

async function drillProject() {
  const project = await makeProject({ frameworks: ["soc2"] });
  const bck02 = await controlByKey("BCK-02");
  await prisma.evidenceRule.create({
    data: {
      projectId: project.id,
      name: "Restore drills",
      kind: "RESTORE_DRILL",
      conditions: { name: "restore-*" },
      controls: { create: [{ controlId: bck02.id }] },
    },
  });
  return { project, bck02 };
}

// Only the drill's own scratch databases: other test files create and drop theirs on the same server meanwhile.
const databases = () =>
  owner(async (c) =>
    (
      await c.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname LIKE '%\\_drill\\_%' ORDER BY datname",
      )
    ).rows.map((r) => r.datname),
  );

describe("npm run drill", { timeout: 240_000 }, () => {
  it("restores a copy with every table's rows and an intact trail, and records PASS evidence with the measured time", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    for (let i = 0; i < 3; i++)
      await createProject({
        ctx: ctxOf(admin),
        data: { slug: `drill-${Date.now()}-${i}`, name: `Drill ${i}`, description: "" },
      });
    const before = await databases();
    // pg_dump when one fits the server (the machine's PostgreSQL 15), else the logical copy (the embedded
    // server ships no pg_dump): the drill chooses, as `npm run drill` does.
    const major = await owner(async (c) =>
      Math.floor(
        Number((await c.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0].v) / 10000,
      ),
    );
    const expectedMethod = (await findPgTools(major)) ? "pg_dump" : "logical-copy";
    const result = await runRestoreDrill({ sourceUrl: url() });
    expect(result.reason).toBeNull();
    expect([result.ok, result.method]).toEqual([true, expectedMethod]);
    expect(result.tables).toBeGreaterThan(20);
    expect(result.mismatches).toEqual([]);
    expect(result.trailEvents).toBe(
      await prisma.activityEvent.count({
        where: { id: { lte: (await prisma.activityEvent.aggregate({ _max: { id: true } }))._max.id! } },
      }),
    );
    expect(result.finishedAt.getTime()).toBeGreaterThanOrEqual(result.startedAt.getTime());
    expect(await databases()).toEqual(before); // the scratch copy is gone

    const { project, bck02 } = await drillProject();
    const evidence = await recordRestoreDrill({
      result,
      projectSlug: project.slug,
      rtoTargetSeconds: 3600,
      now: new Date(),
    });
    expect([evidence.kind, evidence.outcome]).toEqual(["RESTORE_DRILL", "PASS"]);
    const row = await prisma.evidence.findUniqueOrThrow({ where: { id: evidence.id }, select: { summary: true } });
    expect(row.summary).toMatchObject({ rtoSeconds: result.seconds });
    // Filed under the drill control, which is what readiness and its dashboard read.
    const filed = await prisma.evidenceControl.findMany({
      where: { evidenceId: evidence.id },
      select: { controlId: true, outcome: true },
    });
    expect(filed).toEqual([{ controlId: bck02.id, outcome: "PASS" }]);
  });

  it("works without pg_dump too (the logical copy the embedded server gets)", async () => {
    const result = await runRestoreDrill({ sourceUrl: url(), method: "logical-copy" });
    expect(result.reason).toBeNull();
    expect([result.ok, result.method, result.mismatches]).toEqual([true, "logical-copy", []]);
    expect(result.trailEvents).toBeGreaterThan(0);
  });

  it("records FAIL evidence with the reason when the copy's trail does not verify, and when over the RTO target", async () => {
    // Alter one event in the source behind the trail's back (as a database owner could).
    await owner(async (c) => {
      await c.query(`ALTER TABLE "ActivityEvent" DISABLE TRIGGER USER`);
      await c.query(
        `UPDATE "ActivityEvent" SET "actorLabel" = 'someone else' WHERE id = (SELECT min(id) FROM "ActivityEvent")`,
      );
      await c.query(`ALTER TABLE "ActivityEvent" ENABLE TRIGGER USER`);
    });
    const result = await runRestoreDrill({ sourceUrl: url() });
    expect(result.ok).toBe(false);
    expect(result.reason).toMatch(/^the activity trail on the restored copy is broken at event \d+/);
    const { project } = await drillProject();
    const evidence = await recordRestoreDrill({
      result,
      projectSlug: project.slug,
      rtoTargetSeconds: 3600,
      now: new Date(),
    });
    expect(evidence.outcome).toBe("FAIL");
    const row = await prisma.evidence.findUniqueOrThrow({ where: { id: evidence.id }, select: { summary: true } });
    expect(row.summary).toMatchObject({ reportedOutcome: "fail" });
    expect((row.summary as { log: string }).log).toMatch(
      /^Restore drill FAILED: the activity trail on the restored copy is broken at event \d+/,
    );

    const slow = await recordRestoreDrill({
      result: {
        ...result,
        ok: true,
        reason: null,
        seconds: 7200,
        startedAt: new Date(Date.now() - 7_200_000),
        finishedAt: new Date(),
      },
      projectSlug: project.slug,
      rtoTargetSeconds: 3600,
      now: new Date(),
    });
    expect(slow.outcome).toBe("FAIL");
    expect(slow.summary).toMatchObject({ reportedOutcome: "pass", rtoSeconds: 7200, targets: { rtoSeconds: 3600 } });
  });
});
