// The dashboard's widgets share one readiness answer per project: a view (cards, holdbacks, upcoming)
// computes each project's readiness once, later requests none until a write or the clock makes the
// answer stale, and what the widgets show is what a fresh computation shows at the moment asked.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { computeReadiness, readinessComputations } from "@/lib/readiness/compute-readiness";
import { getDashboardReadiness } from "@/lib/readiness/get-dashboard-readiness";
import { getDashboardHoldbacks } from "@/lib/readiness/get-dashboard-holdbacks";
import { getDashboardUpcoming } from "@/lib/readiness/get-dashboard-upcoming";
import { holdbackSentence, rankHoldbacks } from "@/lib/readiness/holdbacks";
import { generateTestWorld } from "@/lib/readiness/testing/world";
import { fileEvidence } from "@/lib/readiness/testing/filed-evidence";
import { ctxOf, makeUser, uniq } from "@/tests/factories";
import type { RequestCtx } from "@/lib/auth/actor";

const NOW = new Date("2026-11-20T10:30:00.000Z");
const DAY = 86_400_000;

/** A generated world (its project's slug is its tag, its controls' keys start with `${tag}-C`). */
async function world(tag: string, seed: number, controls: number, requirements: number) {
  return { tag, ...(await generateTestWorld({ tag, now: NOW, seed, controls, requirements })) };
}

async function view(ctx: RequestCtx, now: Date) {
  return {
    cards: await getDashboardReadiness({ ctx, now }),
    holdbacks: await getDashboardHoldbacks({ ctx, now, limit: 3 }),
    upcoming: await getDashboardUpcoming({ ctx, now, days: 30, type: "evidence", limit: 8 }),
  };
}

/** Upcoming evidence the way the widget promises it, from fresh computations of every project. */
async function expectedUpcoming(ctx: RequestCtx, projectIds: string[], now: Date, days: number) {
  const rows: Array<{ at: string; key: string; title: string }> = [];
  for (const projectId of projectIds) {
    const { project, result } = await computeReadiness({ ctx, projectId, at: now, fresh: true });
    for (const c of result.controls) {
      if (c.state === "not_applicable") continue;
      for (const e of c.expectations) {
        const l = e.latest;
        if (
          !l ||
          l.outcome === "FAIL" ||
          e.freshnessDays <= days ||
          l.expiresAt <= now ||
          l.expiresAt.getTime() > now.getTime() + days * DAY
        )
          continue;
        rows.push({ at: l.expiresAt.toISOString(), key: `${project.slug}/${c.key}/${e.kind}`, title: l.title });
      }
    }
  }
  return rows.sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
}

describe("dashboard: one readiness computation per project and view", () => {
  it("cards, holdbacks and upcoming compute each project once; later views none; a write recomputes only its project", async () => {
    const worlds = [];
    for (const seed of [5, 9, 13]) worlds.push(await world(uniq(`dg${seed}`), seed, 14, 18));
    const lead = ctxOf(await makeUser({ role: "COMPLIANCE_LEAD" }));
    const projects = await prisma.project.count({ where: { archivedAt: null } });
    expect(projects).toBeGreaterThanOrEqual(3);

    const before = readinessComputations();
    const first = await view(lead, NOW);
    expect(readinessComputations() - before).toBe(projects);
    expect(first.cards.cards.length).toBeGreaterThanOrEqual(3);

    const again = readinessComputations();
    const second = await view(lead, NOW);
    expect(readinessComputations() - again).toBe(0);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));

    // A new failed run in one project: only that project is computed again, and the widgets show it.
    const w = worlds[1];
    const control = await prisma.control.findFirstOrThrow({
      where: { key: { startsWith: `${w.tag}-C` }, expectations: { some: {} } },
      select: { id: true, expectations: { select: { kind: true }, take: 1 } },
    });
    const kind = control.expectations[0].kind;
    const at = new Date(NOW.getTime() - DAY);
    await fileEvidence({
      projectId: w.projectId,
      controlId: control.id,
      kind,
      outcome: "FAIL",
      title: "broken build",
      effectiveAt: at,
      dedupeKey: uniq("dk"),
    });
    const third = readinessComputations();
    const after = await view(lead, NOW);
    expect(readinessComputations() - third).toBe(1);
    const slug = w.tag;
    const fresh = (await computeReadiness({ ctx: lead, projectId: w.projectId, at: NOW, fresh: true })).result;
    const card = after.cards.cards.find((c) => c.project.slug === slug)!;
    expect(card).toMatchObject({
      score: fresh.frameworks[0].score,
      met: fresh.frameworks[0].met,
      controlCounts: fresh.frameworks[0].controlCounts,
    });
    const shown = after.holdbacks.projects.find((p) => p.project.slug === slug)!;
    const ranked = rankHoldbacks(fresh);
    expect(shown.total).toBe(ranked.length);
    expect(shown.items.map((h) => h.sentence)).toEqual(ranked.slice(0, 3).map((h) => h.sentence));
    expect(shown.items.some((h) => h.sentence.includes("broken build failed"))).toBe(true);
  });

  it("a kept holdback is worded for the moment shown, as a fresh computation words it", async () => {
    const w = await world(uniq("dgw"), 29, 10, 12);
    const slug = w.tag;
    const lead = ctxOf(await makeUser({ role: "COMPLIANCE_LEAD" }));
    const failedAt = new Date(NOW.getTime() - 2 * DAY);
    const control = await prisma.control.findFirstOrThrow({
      where: { key: { startsWith: `${w.tag}-C` }, expectations: { some: {} } },
      select: { id: true, expectations: { select: { kind: true }, take: 1 } },
    });
    const kind = control.expectations[0].kind;
    await fileEvidence({
      projectId: w.projectId,
      controlId: control.id,
      kind,
      outcome: "FAIL",
      title: "nightly",
      effectiveAt: failedAt,
      dedupeKey: uniq("dk"),
    });

    const sentences = async (now: Date) =>
      (await getDashboardHoldbacks({ ctx: lead, now, project: slug, limit: 50 })).projects[0].items.map(
        (h) => h.sentence,
      );
    expect((await sentences(NOW)).some((s) => s.includes("nightly failed 2 days ago"))).toBe(true);
    // Moments later, within the answer's validity or not: the words are a fresh computation's.
    for (const later of [new Date(NOW.getTime() + 60_000), new Date(NOW.getTime() + DAY)]) {
      const fresh = (await computeReadiness({ ctx: lead, projectId: w.projectId, at: later, fresh: true })).result;
      expect(await sentences(later)).toEqual(rankHoldbacks(fresh).map((h) => holdbackSentence(h, later)));
    }
  });

  it("upcoming evidence pages through exactly the rows a fresh computation lists, soonest first", async () => {
    const worlds = [];
    for (const seed of [31, 37]) worlds.push(await world(uniq(`dgu${seed}`), seed, 24, 20));
    const lead = ctxOf(await makeUser({ role: "COMPLIANCE_LEAD" }));
    // Every expected kind fresh for 90 days: what was last proven 10 to 90 days ago expires within 80.
    for (const w of worlds)
      await prisma.controlExpectation.updateMany({
        where: { control: { key: { startsWith: `${w.tag}-C` } } },
        data: { freshnessDays: 90 },
      });
    const days = 80;
    const ids = worlds.map((w) => w.projectId);
    const slugs = await prisma.project.findMany({ where: { id: { in: ids } }, select: { slug: true } });
    const expected = (await expectedUpcoming(lead, ids, NOW, days)).filter((r) =>
      slugs.some((s) => r.key.startsWith(`${s.slug}/`)),
    );
    expect(expected.length).toBeGreaterThan(4);

    for (const { slug } of slugs) {
      const one = await getDashboardUpcoming({
        ctx: lead,
        now: NOW,
        days,
        type: "evidence",
        project: slug,
        limit: 100,
      });
      expect(one.items.map((i) => i.key)).toEqual(
        expected.filter((r) => r.key.startsWith(`${slug}/`)).map((r) => r.key),
      );
    }
    const all = await getDashboardUpcoming({ ctx: lead, now: NOW, days, type: "evidence", limit: 1000 });
    const mine = all.items.filter((i) => slugs.some((s) => i.key.startsWith(`${s.slug}/`)));
    expect(mine.map((i) => [i.at, i.key, i.title])).toEqual(expected.map((r) => [r.at, r.key, r.title]));

    const paged: string[] = [];
    let cursor: string | undefined;
    for (let guard = 0; guard < 1000; guard++) {
      const page = await getDashboardUpcoming({ ctx: lead, now: NOW, days, type: "evidence", limit: 3, cursor });
      expect(page.items.length).toBeLessThanOrEqual(3);
      expect(page.total).toBe(all.total);
      paged.push(...page.items.map((i) => i.key));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(paged).toEqual(all.items.map((i) => i.key));
  });
});
