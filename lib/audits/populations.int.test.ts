import { afterAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { prisma } from "@/lib/db";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { createPopulation } from "@/lib/audits/create-population";
import { builtNow } from "@/lib/audits/population-build";
import { stopBoss } from "@/lib/jobs/boss";
import { drawSample } from "@/lib/audits/draw-population-sample";
import { getPopulation } from "@/lib/audits/get-population";
import { listPopulations } from "@/lib/audits/list-populations";
import { exportPopulationCsv, exportSampleCsv } from "@/lib/audits/export-population";
import { samplePositions } from "@/lib/audits/sample-algorithm";
import { ctxOf, makeUser } from "@/tests/factories";
import { DAY_MS, makeAudit, makeEvidence, makeGrant } from "@/lib/audits/audit-test-data";
import { makeAuditedProject } from "@/lib/audits/testing/audited-project";

const START = new Date("2026-01-01T00:00:00Z");
const END = new Date("2026-06-30T23:59:59.999Z");
const NOW = new Date("2026-07-10T00:00:00Z");

async function world() {
  const w = await makeAuditedProject({
    window: { start: START, end: END },
    grantExpiresAt: new Date("2026-09-01T00:00:00Z"),
  });
  const ctx = ctxOf(w.auditor);
  return {
    ...w,
    ctx,
    /** Defines a population of the audit as its auditor, counted at once. */
    define: (data: PopulationData) => builtNow(createPopulation({ ctx, auditId: w.audit.id, data, now: NOW })),
    /** Draws a sample of a population as the audit's auditor. */
    draw: (populationId: string, data: SampleData) =>
      drawSample({ ctx, auditId: w.audit.id, populationId, data, now: NOW }),
  };
}

type PopulationData = Parameters<typeof createPopulation>[0]["data"];
type SampleData = Parameters<typeof drawSample>[0]["data"];

async function makePulls(projectId: string, count: number, from: Date, merged = true) {
  await prisma.pullRequest.createMany({
    data: Array.from({ length: count }, (_, i) => ({
      projectId,
      repo: "acme/portal",
      number: 1000 + i + (merged ? 0 : 5000) + Math.floor(from.getTime() / DAY_MS) * 10,
      title: `Change ${i}`,
      url: `https://github.com/acme/portal/pull/${1000 + i}`,
      state: merged ? "merged" : "open",
      author: i % 2 ? "dana" : "lee",
      baseBranch: "main",
      mergedAt: merged ? new Date(from.getTime() + i * 3_600_000) : null,
    })),
  });
}

afterAll(() => stopBoss());

describe("populations and samples", () => {
  it("defines merged pull requests inside the window, shows its size and filter, and draws the same sample for the same seed", async () => {
    const w = await world();
    await makePulls(w.project.id, 40, new Date("2026-02-01T00:00:00Z"));
    await makePulls(w.project.id, 5, new Date("2025-12-20T00:00:00Z")); // before the window
    await makePulls(w.project.id, 5, new Date("2026-07-02T00:00:00Z")); // after it
    await makePulls(w.project.id, 5, new Date("2026-03-01T00:00:00Z"), false); // never merged

    const population = await w.define({ controlKey: "CHG-01", filter: { kind: "merged-prs" } });
    expect(population.size).toBe(40);
    const [listed] = await listPopulations({ ctx: w.ctx, auditId: w.audit.id, now: NOW });
    expect(listed.definition).toBe(
      `pull requests merged in ${w.project.slug} from 2026-01-01T00:00:00.000Z to 2026-06-30T23:59:59.999Z`,
    );
    expect(listed.control?.key).toBe("CHG-01");

    const a = await w.draw(population.id, { size: 10, seed: "fy26-h1" });
    const b = await w.draw(population.id, { size: 10, seed: "fy26-h1" });
    const c = await w.draw(population.id, { size: 10, seed: "another" });
    expect(b.members).toEqual(a.members);
    expect(c.members).not.toEqual(a.members);
    expect(new Set(a.members as string[]).size).toBe(10);

    // The sample is the documented procedure over the population in its stable order (merge time, id).
    const ordered = await prisma.pullRequest.findMany({
      where: { projectId: w.project.id, mergedAt: { gte: START, lte: END } },
      orderBy: [{ mergedAt: "asc" }, { id: "asc" }],
      select: { id: true },
    });
    expect(a.members).toEqual(samplePositions(40, 10, "fy26-h1").map((p) => ordered[p].id));

    const page = await getPopulation({
      ctx: w.ctx,
      auditId: w.audit.id,
      populationId: population.id,
      now: NOW,
      query: { limit: 15 },
    });
    expect(page.members.items.map((m) => m.key)).toEqual(ordered.slice(0, 15).map((p) => p.id));
    const next = await getPopulation({
      ctx: w.ctx,
      auditId: w.audit.id,
      populationId: population.id,
      now: NOW,
      query: { limit: 30, cursor: page.members.nextCursor! },
    });
    expect(next.members.items.map((m) => m.key)).toEqual(ordered.slice(15).map((p) => p.id));
    expect(next.members.items[0].position).toBe(15);
    expect(next.members.nextCursor).toBeNull();

    const csv = await exportSampleCsv({
      ctx: w.ctx,
      auditId: w.audit.id,
      populationId: population.id,
      sampleId: a.id,
      now: NOW,
    });
    const rows = parse(csv.body, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => r.key)).toEqual(a.members);
    expect(rows[0]).toMatchObject({ draw: "1", seed: "fy26-h1", project: w.project.slug, repo: "acme/portal" });

    const all = await exportPopulationCsv({ ctx: w.ctx, auditId: w.audit.id, populationId: population.id, now: NOW });
    let text = "";
    for await (const chunk of all.chunks) text += chunk;
    const members = parse(text, { columns: true }) as Array<Record<string, string>>;
    expect(members.map((m) => m.key)).toEqual(ordered.map((p) => p.id));
    expect(members.map((m) => m.position)).toEqual(ordered.map((_, i) => String(i)));

    const events = await prisma.activityEvent.findMany({
      where: { entityType: { in: ["Population", "Sample"] }, actorId: w.auditor.id },
      select: { action: true },
    });
    expect(events.map((e) => e.action).sort()).toEqual([
      "population.create",
      "sample.draw",
      "sample.draw",
      "sample.draw",
    ]);
  });

  it("filters audit-log events by action prefix, actor and outcome, and main-branch CI runs by branch", async () => {
    const w = await world();
    const batch = await makeEvidence({
      projectId: w.project.id,
      effectiveAt: new Date("2026-03-01T00:00:00Z"),
      kind: "AUDIT_LOG",
    });
    const actions = ["role.grant", "role.revoke", "login", "role.grant", "role.grant"];
    await prisma.auditEvent.createMany({
      data: actions.map((action, i) => ({
        projectId: w.project.id,
        evidenceId: batch.id,
        lineNo: i + 1,
        occurredAt: new Date(START.getTime() + (i + 1) * DAY_MS),
        actor: i === 4 ? "bot" : "alice",
        action,
        outcome: i === 3 ? "failure" : "success",
        raw: "{}",
      })),
    });
    const roles = await w.define({ filter: { kind: "audit-events", action: "role.*", actor: "alice" } });
    expect(roles.size).toBe(3);
    const failures = await w.define({ filter: { kind: "audit-events", action: "role.grant", outcome: "failure" } });
    expect(failures.size).toBe(1);

    const ciRun = (sourceBranch: string, effectiveAt: string, outcome?: "FAIL") =>
      makeEvidence({
        projectId: w.project.id,
        kind: "CI_RUN",
        sourceBranch,
        effectiveAt: new Date(effectiveAt),
        outcome,
      });
    await ciRun("main", "2026-02-02T00:00:00Z");
    await ciRun("main", "2026-02-03T00:00:00Z", "FAIL");
    await ciRun("feature/x", "2026-02-03T00:00:00Z");
    await ciRun("main", "2026-08-03T00:00:00Z");
    const ci = await w.define({ filter: { kind: "main-ci-runs" } });
    expect(ci.size).toBe(2);
  });

  it("refuses to sample a population whose members changed since it was defined, and a sample larger than it", async () => {
    const w = await world();
    await makePulls(w.project.id, 6, new Date("2026-02-01T00:00:00Z"));
    const population = await w.define({ filter: { kind: "merged-prs" } });
    const tooMany = await w.draw(population.id, { size: 7 }).catch((e) => e);
    expect(tooMany).toBeInstanceOf(InvalidInputError);
    expect(tooMany.issues).toEqual([{ path: "size", message: "The population has only 6 member(s)" }]);
    await makePulls(w.project.id, 1, new Date("2026-05-01T00:00:00Z")); // a late webhook
    const changed = await w.draw(population.id, { size: 2 }).catch((e) => e);
    expect(changed).toBeInstanceOf(ConflictError);
    expect(changed.message).toBe(
      "The population has changed since it was defined (6 then, 7 now). Define it again to sample the current data.",
    );
    expect(await prisma.sample.count({ where: { populationId: population.id } })).toBe(0);
  });

  it("needs a period (Type II), a granted auditor, and records a generated seed", async () => {
    const w = await world();
    const pointAudit = await makeAudit({
      leadId: w.lead.id,
      projectIds: [w.project.id],
      windowStart: END,
      windowEnd: END,
    });
    await makeGrant({
      auditId: pointAudit.id,
      userId: w.auditor.id,
      expiresAt: new Date("2026-09-01T00:00:00Z"),
      grantedById: w.lead.id,
    });
    const typeI = await createPopulation({
      ctx: w.ctx,
      auditId: pointAudit.id,
      data: { filter: { kind: "restore-drills" } },
      now: NOW,
    }).catch((e) => e);
    expect(typeI).toBeInstanceOf(InvalidInputError);
    expect(typeI.message).toMatch(/^A Type I audit looks at one moment/);

    const stranger = await makeUser({ role: "AUDITOR" });
    await expect(
      createPopulation({
        ctx: ctxOf(stranger),
        auditId: w.audit.id,
        data: { filter: { kind: "merged-prs" } },
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(NotFoundError);

    await makePulls(w.project.id, 3, new Date("2026-02-01T00:00:00Z"));
    const population = await w.define({ filter: { kind: "merged-prs" } });
    const sample = await w.draw(population.id, { size: 2 });
    expect(sample.seed).toMatch(/^[0-9a-f]{16}$/);
    const again = await w.draw(population.id, { size: 2, seed: sample.seed });
    expect(again.members).toEqual(sample.members);
  });
});
