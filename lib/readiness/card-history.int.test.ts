// The cards' trend and week-ago score come from daily snapshots that this process keeps
// (card-history.ts). Whoever writes a snapshot, the next read shows it: the kept history is only reused
// while the snapshot rows it was built from are the same.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { getDashboardReadiness } from "@/lib/readiness/get-dashboard-readiness";
import { makeSmallWorld } from "@/lib/readiness/testing/small-world";
import { ctxOf, makeUser } from "@/tests/factories";

const DAY = 86_400_000;
const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

describe("card history", () => {
  it("cards: a kept trend follows every snapshot change made behind it, and the next day's window", async () => {
    const now = Date.now();
    const w = await makeSmallWorld(new Date(now));
    const lead = ctxOf(await makeUser({ role: "COMPLIANCE_LEAD" }));
    const cardAt = async (at: number) => {
      const { cards } = await getDashboardReadiness({ ctx: lead, now: new Date(at), project: w.project.slug });
      expect(cards).toHaveLength(1);
      const [card] = cards;
      expect(card.trend.at(-1)).toMatchObject({ day: dayOf(at), met: card.met });
      return {
        trend: card.trend.slice(0, -1).map((p) => [p.day, p.met]),
        lastWeek: card.lastWeek,
      };
    };
    // Written with SQL, as another process would: nothing in this process hears of it.
    const write = (sql: string) => prisma.$executeRawUnsafe(sql);
    const insert = (daysAgo: number, met: number) =>
      write(
        `INSERT INTO "ScoreSnapshot"(id, "projectId", "frameworkId", day, score, met, applicable, detail)
         VALUES ('t${daysAgo}-${met}-${w.project.id}', '${w.project.id}', '${w.framework.id}', '${dayOf(now - daysAgo * DAY)}', ${met / 3}, ${met}, 3, '{}')`,
      );
    expect(await cardAt(now)).toEqual({ trend: [], lastWeek: null });
    await insert(3, 1);
    await insert(10, 2);
    expect(await cardAt(now)).toEqual({
      trend: [
        [dayOf(now - 10 * DAY), 2],
        [dayOf(now - 3 * DAY), 1],
      ],
      lastWeek: { day: dayOf(now - 10 * DAY), score: 2 / 3 },
    });
    // An update of one field, keeping the row count and day.
    await write(`UPDATE "ScoreSnapshot" SET met = 3, score = 1 WHERE "projectId" = '${w.project.id}' AND met = 1`);
    expect((await cardAt(now)).trend).toEqual([
      [dayOf(now - 10 * DAY), 2],
      [dayOf(now - 3 * DAY), 3],
    ]);
    // One row gone and another come: same count.
    await write(`DELETE FROM "ScoreSnapshot" WHERE "projectId" = '${w.project.id}' AND met = 2`);
    await insert(9, 0);
    expect(await cardAt(now)).toEqual({
      trend: [
        [dayOf(now - 9 * DAY), 0],
        [dayOf(now - 3 * DAY), 3],
      ],
      lastWeek: { day: dayOf(now - 9 * DAY), score: 0 },
    });
    // Two days on, a week ago is a later day, and the snapshot of 3 days ago is one.
    await insert(5, 1);
    expect(await cardAt(now + 2 * DAY)).toEqual({
      trend: [
        [dayOf(now - 9 * DAY), 0],
        [dayOf(now - 5 * DAY), 1],
        [dayOf(now - 3 * DAY), 3],
      ],
      lastWeek: { day: dayOf(now - 5 * DAY), score: 1 / 3 },
    });
    // The window is the 90 days up to the day shown: 80 days on it still starts 9 days before now, 85 days on it does not.
    expect((await cardAt(now + 80 * DAY)).trend[0]).toEqual([dayOf(now - 9 * DAY), 0]);
    expect((await cardAt(now + 85 * DAY)).trend).toEqual([[dayOf(now - 3 * DAY), 3]]);
  });
});
