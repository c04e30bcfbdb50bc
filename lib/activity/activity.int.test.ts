import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createProject } from "@/lib/projects/create-project";
import { recordActivity } from "@/lib/activity/record-activity";
import { verifyActivityChain } from "@/lib/activity/verify-chain";
import { GENESIS_HASH } from "@/lib/activity/hash";
import { ConflictError } from "@/lib/errors";
import { ctxOf, makeUser, uniq } from "@/tests/factories";
import { withOwner } from "@/lib/activity/testing/owner-db";

describe("activity trail", () => {
  it("records a change in the same transaction, with who, what and a before/after summary", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const ctx = ctxOf(lead);
    const project = await createProject({ ctx, data: { name: "Trail test", slug: uniq("trail"), description: "" } });
    const events = await prisma.activityEvent.findMany({ where: { entityId: project.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorType: "user",
      actorId: lead.id,
      actorLabel: lead.email,
      action: "project.create",
      entityType: "Project",
      projectId: project.id,
      requestId: ctx.requestId,
      summary: { after: { name: "Trail test", slug: project.slug } },
    });
  });

  it("leaves no event behind when the change fails", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const slug = uniq("dup");
    await createProject({ ctx: ctxOf(lead), data: { name: "First", slug, description: "" } });
    const before = await prisma.activityEvent.count();
    await expect(
      createProject({ ctx: ctxOf(lead), data: { name: "Second", slug, description: "" } }),
    ).rejects.toBeInstanceOf(ConflictError);
    // A failure after the event was written inside the transaction also rolls the event back.
    await expect(
      prisma.$transaction(async (tx) => {
        await recordActivity(tx, { ctx: ctxOf(lead), action: "test.fail", entityType: "Test", entityId: "x" });
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await prisma.activityEvent.count()).toBe(before);
    expect(await prisma.activityEvent.count({ where: { action: "test.fail" } })).toBe(0);
  });

  it("is refused UPDATE, DELETE and TRUNCATE by the database itself, even as the owner", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    await createProject({ ctx: ctxOf(lead), data: { name: "Immutable", slug: uniq("imm"), description: "" } });
    await withOwner(async (owner) => {
      await expect(owner.query(`UPDATE "ActivityEvent" SET action = 'x'`)).rejects.toThrow(/append-only/);
      await expect(owner.query(`DELETE FROM "ActivityEvent"`)).rejects.toThrow(/append-only/);
      await expect(owner.query(`TRUNCATE "ActivityEvent"`)).rejects.toThrow(/append-only/);
    });
    expect(await prisma.activityEvent.count()).toBeGreaterThan(0);
  });

  it("runs the app as a role that may only append to the trail: no UPDATE, DELETE, TRUNCATE or DISABLE TRIGGER through its connection", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    await createProject({ ctx: ctxOf(lead), data: { name: "Guarded", slug: uniq("grd"), description: "" } });
    const [{ role }] = await prisma.$queryRaw<Array<{ role: string }>>`SELECT current_user AS role`;
    expect(role).toBe("proofline_app");
    const before = await prisma.activityEvent.count();
    for (const sql of [
      `UPDATE "ActivityEvent" SET action = 'x'`,
      `DELETE FROM "ActivityEvent"`,
      `TRUNCATE "ActivityEvent"`,
      `UPDATE "ActivitySignedHead" SET hash = 'x'`,
      `DELETE FROM "ActivitySignedHead"`,
    ]) {
      await expect(prisma.$executeRawUnsafe(sql), sql).rejects.toThrow(/permission denied/);
    }
    await expect(prisma.$executeRawUnsafe(`ALTER TABLE "ActivityEvent" DISABLE TRIGGER ALL`)).rejects.toThrow(
      /must be owner/,
    );
    await expect(
      prisma.$executeRawUnsafe(`ALTER TABLE "ActivityEvent" DISABLE TRIGGER activity_event_no_update`),
    ).rejects.toThrow(/must be owner/);
    // The owner's way around the triggers is closed to it too.
    await expect(
      prisma.$transaction([
        prisma.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`),
        prisma.$executeRawUnsafe(`UPDATE "ActivityEvent" SET action = 'x'`),
      ]),
    ).rejects.toThrow(/permission denied/);
    // A fresh connection of the pool is switched too (the switch runs on every connect, not once).
    const roles = await Promise.all(
      Array.from({ length: 6 }, () =>
        prisma.$transaction(
          async (tx) =>
            (await tx.$queryRaw<Array<{ r: string }>>`SELECT current_user AS r, pg_sleep(0.05)::text AS slept`)[0].r,
        ),
      ),
    );
    expect(new Set(roles)).toEqual(new Set(["proofline_app"]));
    expect(await prisma.activityEvent.count()).toBe(before);
  });

  it("chains concurrent writers into one unbroken line", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        createProject({ ctx: ctxOf(lead), data: { name: `Concurrent ${i}`, slug: uniq(`c${i}`), description: "" } }),
      ),
    );
    const events = await prisma.activityEvent.findMany({
      orderBy: { id: "asc" },
      select: { prevHash: true, hash: true },
    });
    expect(events[0].prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < events.length; i++) expect(events[i].prevHash).toBe(events[i - 1].hash);
    expect(new Set(events.map((e) => e.prevHash)).size).toBe(events.length);
    expect(await verifyActivityChain(prisma)).toMatchObject({ ok: true, checked: events.length });
  });

  it("verification names the first event whose contents were altered", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    for (let i = 0; i < 3; i++)
      await createProject({ ctx: ctxOf(lead), data: { name: `T${i}`, slug: uniq(`t${i}`), description: "" } });
    const target = (await prisma.activityEvent.findMany({ orderBy: { id: "asc" } }))[1];
    // Only the owner bypassing triggers can do this; verification must still notice.
    await withOwner(async (owner) => {
      await owner.query("BEGIN");
      await owner.query("SET LOCAL session_replication_role = replica");
      await owner.query(`UPDATE "ActivityEvent" SET summary = '{"after":{"name":"forged"}}' WHERE id = ${target.id}`);
      await owner.query("COMMIT");
    });
    const report = await verifyActivityChain(prisma);
    expect(report.ok).toBe(false);
    expect(report.firstBreak?.eventId).toBe(target.id.toString());
    expect(report.firstBreak?.reason).toMatch(/contents were changed/);
  });

  it("verification notices a removed event", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    for (let i = 0; i < 3; i++)
      await createProject({ ctx: ctxOf(lead), data: { name: `R${i}`, slug: uniq(`r${i}`), description: "" } });
    const events = await prisma.activityEvent.findMany({ orderBy: { id: "asc" } });
    await withOwner(async (owner) => {
      await owner.query("BEGIN");
      await owner.query("SET LOCAL session_replication_role = replica");
      await owner.query(`DELETE FROM "ActivityEvent" WHERE id = ${events[1].id}`);
      await owner.query("COMMIT");
    });
    const report = await verifyActivityChain(prisma);
    expect(report).toMatchObject({ ok: false, checked: 1, firstBreak: { eventId: events[2].id.toString() } });
    expect(report.firstBreak?.reason).toMatch(/removed, inserted or altered/);
  });
});
