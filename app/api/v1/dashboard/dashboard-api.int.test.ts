import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { call } from "@/tests/api";
import { makeUser } from "@/tests/factories";
import { makeSmallWorld } from "@/lib/readiness/testing/small-world";
import { fileEvidence } from "@/lib/readiness/testing/filed-evidence";
import { makeAuditedProject } from "@/lib/audits/testing/audited-project";
import { GET as readiness } from "./readiness/route";
import { GET as holdbacks } from "./holdbacks/route";
import { GET as blockers } from "./blockers/route";
import { GET as upcoming } from "./upcoming/route";
import { GET as openBlockers } from "./open-blockers/route";
import { GET as backlogList } from "@/app/api/v1/projects/[slug]/backlog/route";

const DAY = 86_400_000;
const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

describe("dashboard API", () => {
  it("cards: today's score, the 90-day trend from snapshots, and the change since last week", async () => {
    const now = Date.now();
    const w = await makeSmallWorld(new Date(now));
    const snap = (daysAgo: number, met: number) =>
      prisma.scoreSnapshot.create({
        data: {
          projectId: w.project.id,
          frameworkId: w.framework.id,
          day: new Date(dayOf(now - daysAgo * DAY)),
          score: met / 3,
          met,
          applicable: 3,
          detail: {},
        },
      });
    await snap(120, 0); // outside the 90 days: not in the trend
    await snap(8, 3);
    await snap(7, 2);
    await snap(1, 2);
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const res = await call(readiness, { asUser: lead.id, path: `/x?project=${w.project.slug}` });
    expect(res.status).toBe(200);
    const [card] = res.body.cards;
    expect(card).toMatchObject({
      project: { slug: w.project.slug },
      framework: { key: w.framework.key },
      met: 1,
      applicable: 3,
      unmet: 2,
    });
    expect(card.trend.map((p: { day: string; met: number }) => [p.day, p.met])).toEqual([
      [dayOf(now - 8 * DAY), 3],
      [dayOf(now - 7 * DAY), 2],
      [dayOf(now - DAY), 2],
      [dayOf(now), 1],
    ]);
    expect(card.lastWeek).toEqual({ day: dayOf(now - 7 * DAY), score: 2 / 3 });
    expect(card.change).toBeCloseTo(1 / 3 - 2 / 3);
  });

  it("holdbacks: ranked sentences with links to the failed run, the runbook and the requirement", async () => {
    const w = await makeSmallWorld(new Date());
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const res = await call(holdbacks, { asUser: lead.id, path: `/x?project=${w.project.slug}` });
    expect(res.status).toBe(200);
    expect(res.body.projects).toHaveLength(1);
    expect(res.body.projects[0].total).toBe(2);
    const [first, second] = res.body.projects[0].items;
    expect(first).toMatchObject({
      severity: "failing",
      sentence: `R-CHG.1 failing: ${w.failedTitle} failed on main 2 days ago`,
      href: `/projects/${w.project.slug}/evidence/${w.failedEvidenceId}`,
      controls: { count: 1, href: `/controls/${w.controls.chg}` },
      requirements: [
        {
          framework: w.framework.key,
          refId: "R-CHG.1",
          href: `/projects/${w.project.slug}/readiness/${w.framework.key}#req-R-CHG.1`,
        },
      ],
    });
    expect(second.sentence).toMatch(/^R-BCK\.1 stale: Restore drill overdue since \d+ \w+ \d{4}$/);
    expect(second.href).toBe(`/projects/${w.project.slug}/runbooks/${w.runbookId}`);
  });

  it("blockers by block x priority, each count linking to its list; open blockers oldest first", async () => {
    const w = await makeSmallWorld(new Date());
    const engineer = await makeUser({ role: "ENGINEER" });
    const item = (
      title: string,
      block: string | null,
      priority: "BLOCKER" | "HIGH" | null,
      status: "OPEN" | "DONE",
      ownerId?: string,
      daysAgo = 1,
    ) =>
      prisma.backlogItem.create({
        data: {
          projectId: w.project.id,
          title,
          block,
          priority,
          status,
          ownerId,
          createdAt: new Date(Date.now() - daysAgo * DAY),
        },
      });
    await item("Sign images", "Release", "BLOCKER", "OPEN", engineer.id, 3);
    await item("Pin actions", "Release", "HIGH", "OPEN");
    await item("Old", "Release", "BLOCKER", "DONE");
    await item("Rotate keys", null, "BLOCKER", "OPEN", undefined, 5);
    const res = await call(blockers, { asUser: engineer.id, path: `/x?project=${w.project.slug}` });
    expect(res.status).toBe(200);
    const [m] = res.body.projects;
    expect(m.total).toBe(3);
    expect(m.rows.map((r: { block: string; total: number }) => [r.block, r.total])).toEqual([
      ["Release", 2],
      ["", 1],
    ]);
    expect(m.rows[0].cells.BLOCKER).toEqual({
      count: 1,
      href: `/projects/${w.project.slug}/backlog?status=NOT_DONE&priority=BLOCKER&block=Release`,
    });
    // An empty cell has no list to open.
    expect(m.rows[0].cells.MEDIUM).toEqual({ count: 0, href: null });
    // The row of items outside any block links to exactly those items, not to every blocker.
    const noBlock = new URL(m.rows[1].cells.BLOCKER.href, "http://localhost");
    expect(noBlock.searchParams.get("block")).toBe("(none)");
    const list = await call(backlogList, {
      asUser: engineer.id,
      path: `/api/v1/projects/${w.project.slug}/backlog${noBlock.search}`,
      params: { slug: w.project.slug },
    });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { title: string }) => i.title)).toEqual(["Rotate keys"]);

    const mine = await call(openBlockers, { asUser: engineer.id, path: "/x?mine=1" });
    expect(mine.body.items.map((i: { title: string; mine: boolean }) => [i.title, i.mine])).toEqual([
      ["Sign images", true],
    ]);
    const all = await call(openBlockers, { asUser: engineer.id, path: "/x?limit=1" });
    expect(all.body.items.map((i: { title: string }) => i.title)).toEqual(["Rotate keys"]);
    const next = await call(openBlockers, { asUser: engineer.id, path: `/x?limit=1&cursor=${all.body.nextCursor}` });
    expect(next.body.items.map((i: { title: string }) => i.title)).toEqual(["Sign images"]);
    // A cursor this endpoint did not write (here, one whose time is not a time) is refused, not run.
    const forged = Buffer.from(JSON.stringify(["yesterday", "x"])).toString("base64url");
    const bad = await call(openBlockers, { asUser: engineer.id, path: `/x?cursor=${forged}` });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0].path).toBe("query.cursor");
  });

  it("upcoming exercises: due from each runbook's last exercise by now; auditors count only exercises in their window", async () => {
    const now = Date.now();
    const at = (days: number) => new Date(now + days * DAY);
    const { lead, auditor, project } = await makeAuditedProject({ window: { start: at(-200), end: at(-50) } });
    const runbook = (key: string, cadenceDays: number | null, extra: { archivedAt?: Date } = {}) =>
      prisma.runbook.create({
        data: { projectId: project.id, key, title: `Runbook ${key}`, cadenceDays, createdAt: at(-300), ...extra },
      });
    const exercised = (runbookId: string, ...days: number[]) =>
      prisma.runbookExercise.createMany({
        data: days.map((d) => ({ runbookId, performedAt: at(d), outcome: "PASS" as const })),
      });
    // Exercised 100, 70 and 10 days ago (the first two inside the window), and once dated after now,
    // which does not count.
    const a = await runbook("a", 80);
    await exercised(a.id, -100, -70, -10, 5);
    // Created 300 days ago; exercised only after the window.
    const b = await runbook("b", 60);
    await exercised(b.id, -20);
    // Archived, or with no cadence: never listed.
    await exercised((await runbook("c", 30, { archivedAt: at(-1) })).id, -100);
    await exercised((await runbook("d", null)).id, -100);
    // Due after the 90 days asked about (in 390 days; for the auditor, never exercised, in 100): not listed.
    await exercised((await runbook("e", 400)).id, -10);

    const list = async (userId: string) => {
      const res = await call(upcoming, { asUser: userId, path: `/x?type=exercise&days=90&project=${project.slug}` });
      expect(res.status).toBe(200);
      return res.body.items.map((i: { title: string; at: string; overdue: boolean; detail: string }) => [
        i.title,
        i.at,
        i.overdue,
        i.detail,
      ]);
    };
    const day = (d: number) => at(d).toISOString().slice(0, 10);
    // The lead: a was last exercised 10 days ago (due in 70 days), b 20 days ago (due in 40 days).
    expect(await list(lead.id)).toEqual([
      ["Runbook b", at(40).toISOString(), false, `every 60 days; last exercised ${day(-20)}`],
      ["Runbook a", at(70).toISOString(), false, `every 80 days; last exercised ${day(-10)}`],
    ]);
    // The auditor counts only the exercises inside the window: a's drill of 70 days ago (due in 10
    // days), and none of b's, so b is due 60 days after it was created and long overdue.
    expect(await list(auditor.id)).toEqual([
      ["Runbook b", at(-240).toISOString(), true, "every 60 days; never exercised"],
      ["Runbook a", at(10).toISOString(), false, `every 80 days; last exercised ${day(-70)}`],
    ]);
  });

  it("blockers for an auditor: the items open at the window's end, in the matrix and in the open-blockers list alike", async () => {
    const now = Date.now();
    const at = (days: number) => new Date(now + days * DAY);
    const { lead, auditor, project } = await makeAuditedProject({ window: { start: at(-200), end: at(-50) } });
    const item = (
      title: string,
      priority: "BLOCKER" | "HIGH" | "MEDIUM",
      createdDay: number,
      closed?: { day: number | null },
    ) =>
      prisma.backlogItem.create({
        data: {
          projectId: project.id,
          title,
          block: "Release",
          priority,
          status: closed ? "DONE" : "OPEN",
          closedAt: closed?.day == null ? null : at(closed.day),
          createdAt: at(createdDay),
        },
      });
    await item("Open all along", "BLOCKER", -100);
    await item("Closed inside the window", "HIGH", -100, { day: -60 });
    await item("Closed after the window", "BLOCKER", -100, { day: -20 });
    await item("Opened after the window", "MEDIUM", -10);
    // Marked done with no closing time (written outside Proofline): closed, for everyone.
    await item("Done, no closing time", "HIGH", -100, { day: null });

    const matrix = async (userId: string) => {
      const res = await call(blockers, { asUser: userId, path: `/x?project=${project.slug}` });
      expect(res.status).toBe(200);
      const [m] = res.body.projects;
      const cells = m.rows[0].cells as Record<string, { count: number }>;
      return { total: m.total, BLOCKER: cells.BLOCKER.count, HIGH: cells.HIGH.count, MEDIUM: cells.MEDIUM.count };
    };
    expect(await matrix(lead.id)).toEqual({ total: 2, BLOCKER: 1, HIGH: 0, MEDIUM: 1 });
    // The auditor's moment is the window's end: both blockers were open then, the later item did not exist.
    expect(await matrix(auditor.id)).toEqual({ total: 2, BLOCKER: 2, HIGH: 0, MEDIUM: 0 });
    const list = await call(openBlockers, { asUser: auditor.id, path: "/x" });
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { title: string }) => i.title).sort()).toEqual([
      "Closed after the window",
      "Open all along",
    ]);
  });

  it("upcoming: evidence expiring in the next 30 days and exercises due (overdue first), paginated", async () => {
    const now = Date.now();
    const w = await makeSmallWorld(new Date(now));
    await prisma.runbook.create({
      data: {
        projectId: w.project.id,
        key: "failover",
        title: "Failover drill",
        cadenceDays: 30,
        createdAt: new Date(now - 10 * DAY),
      },
    });
    // The pen test report is fresh for 90 days and was effective 80 days ago: it expires in 10 days.
    const chg = await prisma.control.findUniqueOrThrow({ where: { key: w.controls.chg } });
    await prisma.controlExpectation.create({ data: { controlId: chg.id, kind: "MANUAL_FILE", freshnessDays: 90 } });
    const effectiveAt = new Date(now - 80 * DAY);
    const report = await fileEvidence({
      projectId: w.project.id,
      controlId: chg.id,
      kind: "MANUAL_FILE",
      outcome: "INFO",
      format: "manual",
      title: "pen test report",
      effectiveAt,
      dedupeKey: `pt-${w.project.slug}`,
    });
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const ev = await call(upcoming, { asUser: lead.id, path: `/x?type=evidence&project=${w.project.slug}` });
    expect(ev.status).toBe(200);
    // The audit log of 5 days ago also expires within 30 days, but it is refreshed monthly by its
    // pipeline, so it is not listed; the failed run is not "expiring", it is failing.
    expect(
      ev.body.items.map((i: { title: string; detail: string; href: string }) => [i.title, i.detail, i.href]),
    ).toEqual([
      ["pen test report", `${w.controls.chg} · uploaded document`, `/projects/${w.project.slug}/evidence/${report.id}`],
    ]);
    expect(ev.body.items[0].at).toBe(new Date(now - 80 * DAY + 90 * DAY).toISOString());

    const ex = await call(upcoming, { asUser: lead.id, path: `/x?type=exercise&project=${w.project.slug}&limit=1` });
    expect(ex.body.total).toBe(2);
    expect(ex.body.items.map((i: { title: string; overdue: boolean }) => [i.title, i.overdue])).toEqual([
      ["Restore drill", true],
    ]);
    const rest = await call(upcoming, {
      asUser: lead.id,
      path: `/x?type=exercise&project=${w.project.slug}&limit=1&cursor=${ex.body.nextCursor}`,
    });
    expect(rest.body.items.map((i: { title: string; overdue: boolean }) => [i.title, i.overdue])).toEqual([
      ["Failover drill", false],
    ]);
    expect(rest.body.nextCursor).toBeNull();

    const bad = await call(upcoming, { asUser: lead.id, path: "/x?type=drills" });
    expect([bad.status, bad.body.errors[0]]).toEqual([
      422,
      { path: "query.type", message: "use evidence or exercise" },
    ]);
  });

  it("auditors see only the projects of audits they hold a live grant for", async () => {
    const w = await makeSmallWorld(new Date());
    const auditor = await makeUser({ role: "AUDITOR" });
    const res = await call(readiness, { asUser: auditor.id });
    expect(res.body.cards).toEqual([]);
    const one = await call(readiness, { asUser: auditor.id, path: `/x?project=${w.project.slug}` });
    expect(one.status).toBe(404);
  });
});
