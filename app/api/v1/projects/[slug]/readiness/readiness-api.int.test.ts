import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { prisma } from "@/lib/db";
import { call } from "@/tests/api";
import { makeProject, makeUser } from "@/tests/factories";
import { makeSmallWorld, makeToken } from "@/lib/readiness/testing/small-world";
import { GET as gate } from "./route";
import { GET as exportCsv } from "./export/route";
import { POST as snapshot } from "./snapshots/route";

const DAY = 86_400_000;

describe("GET /api/v1/projects/{project}/readiness (the CI gate)", () => {
  it("with a project token returns the score, families, previous snapshot and every unmet requirement with reasons", async () => {
    const now = new Date();
    const w = await makeSmallWorld(now);
    const yesterday = new Date(now.getTime() - DAY);
    // The previous snapshot is the newest from a day before today: not an older one, nor today's.
    for (const [at, met] of [
      [new Date(now.getTime() - 5 * DAY), 0],
      [yesterday, 2],
      [now, 3],
    ] as const)
      await prisma.scoreSnapshot.create({
        data: {
          projectId: w.project.id,
          frameworkId: w.framework.id,
          day: new Date(at.toISOString().slice(0, 10)),
          score: met / 3,
          met,
          applicable: 3,
          detail: {},
        },
      });
    const token = await makeToken(w.project.id, ["readiness:read"]);
    const res = await call(gate, {
      bearer: token,
      params: { slug: w.project.slug },
      path: `/x?framework=${w.framework.key}`,
    });
    expect(res.status).toBe(200);
    const fw = res.body.frameworks[0];
    expect(fw).toMatchObject({
      key: w.framework.key,
      met: 1,
      applicable: 3,
      controlCounts: { passing: 1, failing: 1, stale: 1, not_applicable: 0 },
    });
    expect(fw.score).toBeCloseTo(1 / 3);
    expect(fw.previous).toEqual({ met: 2, applicable: 3, score: 2 / 3, day: yesterday.toISOString().slice(0, 10) });
    expect(fw.families).toEqual([
      { refId: "R-CHG", title: "R-CHG family", met: 0, applicable: 1, score: 0 },
      { refId: "R-BCK", title: "R-BCK family", met: 1, applicable: 2, score: 0.5 },
    ]);
    expect(fw.unmet.map((u: { refId: string }) => u.refId)).toEqual(["R-CHG.1", "R-BCK.1"]);
    const chg = fw.unmet[0].controls[0];
    expect(chg).toMatchObject({ key: w.controls.chg, state: "failing" });
    expect(chg.reasons).toEqual([
      {
        type: "evidence-failed",
        severity: "failing",
        sentence: `${w.failedTitle} failed on main 2 days ago`,
        href: `/projects/${w.project.slug}/evidence/${w.failedEvidenceId}`,
      },
    ]);
    expect(fw.unmet[1].controls[0].reasons[0]).toMatchObject({
      type: "exercise-overdue",
      href: `/projects/${w.project.slug}/runbooks/${w.runbookId}`,
    });
    expect(fw.unmet[1].controls[0].reasons[0].sentence).toMatch(/^Restore drill overdue since /);
  });

  it("as of a past date gives that day's figures", async () => {
    const now = new Date();
    const w = await makeSmallWorld(now);
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const day = new Date(now.getTime() - 20 * DAY).toISOString().slice(0, 10);
    const res = await call(gate, { asUser: lead.id, params: { slug: w.project.slug }, path: `/x?at=${day}` });
    expect(res.status).toBe(200);
    // Twenty days ago the release gate still passed (the run of 40 days ago was fresh), the drill was
    // not yet overdue, and the audit log of 5 days ago did not exist yet.
    expect(res.body.asOf).toBe(`${day}T23:59:59.999Z`);
    const fw = res.body.frameworks[0];
    expect(fw).toMatchObject({ met: 2, applicable: 3 });
    expect(fw.unmet.map((u: { refId: string }) => u.refId)).toEqual(["R-BCK.2"]);
    expect(fw.unmet[0].controls[0].reasons[0]).toMatchObject({
      type: "evidence-missing",
      sentence: "no audit log evidence yet",
    });
  });

  it("refuses tokens without the scope or of another project, bad parameters and the future, with problem+json", async () => {
    const now = new Date();
    const w = await makeSmallWorld(now);
    const other = await makeProject();
    const wrongScope = await makeToken(w.project.id, ["evidence:write"]);
    const otherToken = await makeToken(other.id, ["readiness:read"]);
    const ok = await makeToken(w.project.id, ["readiness:read"]);
    const slug = w.project.slug;

    const r1 = await call(gate, { bearer: wrongScope, params: { slug } });
    expect([r1.status, r1.headers.get("content-type")]).toEqual([403, "application/problem+json"]);
    expect((await call(gate, { bearer: otherToken, params: { slug } })).status).toBe(404);
    expect((await call(gate, { params: { slug } })).status).toBe(401);

    const unknown = await call(gate, { bearer: ok, params: { slug }, path: "/x?framework=gdpr" });
    expect(unknown.status).toBe(422);
    expect(unknown.body.detail).toBe(
      `${w.project.name} is not assessed against gdpr; it is assessed against ${w.framework.key}.`,
    );
    const future = await call(gate, {
      bearer: ok,
      params: { slug },
      path: `/x?at=${new Date(now.getTime() + 2 * DAY).toISOString().slice(0, 10)}`,
    });
    expect([future.status, future.body.errors[0].path]).toEqual([422, "query.at"]);
    const extra = await call(gate, { bearer: ok, params: { slug }, path: "/x?min=0.8" });
    expect([extra.status, extra.body.errors[0].message]).toEqual([422, "not recognised: min"]);
  });
});

describe("readiness CSV export and on-demand snapshot", () => {
  it("exports one row per requirement with status, controls and reasons", async () => {
    const w = await makeSmallWorld(new Date());
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const res = await call(exportCsv, { asUser: lead.id, params: { slug: w.project.slug } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(
      new RegExp(`^attachment; filename="readiness-${w.project.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`),
    );
    const rows = parse(res.body as string, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((r) => [r.requirement, r.status])).toEqual([
      ["R-CHG.1", "Not met"],
      ["R-BCK.1", "Not met"],
      ["R-BCK.2", "Met"],
    ]);
    expect(rows[0].controls).toBe(`${w.controls.chg} (failing)`);
    expect(rows[0].reasons).toBe(`${w.controls.chg}: ${w.failedTitle} failed on main 2 days ago`);
  });

  it("records today's snapshot for a lead, with an activity event, and refuses an engineer", async () => {
    const w = await makeSmallWorld(new Date());
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const engineer = await makeUser({ role: "ENGINEER" });
    const refused = await call(snapshot, { method: "POST", asUser: engineer.id, params: { slug: w.project.slug } });
    expect(refused.status).toBe(403);
    expect(await prisma.scoreSnapshot.count({ where: { projectId: w.project.id } })).toBe(0);
    const res = await call(snapshot, { method: "POST", asUser: lead.id, params: { slug: w.project.slug } });
    expect(res.status).toBe(200);
    expect(res.body.frameworks).toEqual([{ frameworkId: w.framework.id, score: 1 / 3, met: 1, applicable: 3 }]);
    expect(
      await prisma.activityEvent.count({
        where: { projectId: w.project.id, action: "readiness.snapshot", actorId: lead.id },
      }),
    ).toBe(1);
  });
});
