// Issue 16: with several workers, two runs of the daily snapshot job at the same instant take each day
// once (an advisory lock: the second waits, then finds the days done).
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { makeProject } from "@/tests/factories";
import { dailySnapshotJob } from "@/lib/readiness/daily-snapshot-job";
import { withJobLock } from "@/lib/jobs/job-lock";

describe("job lock", () => {
  it("runs two same-named sections one after the other, and different names side by side", async () => {
    const order: string[] = [];
    const section = (name: string, tag: string) =>
      withJobLock(name, async () => {
        order.push(`${tag} in`);
        await new Promise((r) => setTimeout(r, 300));
        order.push(`${tag} out`);
      });
    await Promise.all([section("a", "1"), section("a", "2")]);
    expect([order.slice(0, 2), order.slice(2)].map((pair) => pair[0].split(" ")[0] === pair[1].split(" ")[0])).toEqual([
      true,
      true,
    ]);
    order.length = 0;
    await Promise.all([section("b", "1"), section("c", "2")]);
    expect(order.slice(0, 2).sort()).toEqual(["1 in", "2 in"]);
  });

  it("two daily snapshot runs at once take each day once", async () => {
    const project = await makeProject({ frameworks: ["soc2"] });
    await prisma.project.update({
      where: { id: project.id },
      data: { createdAt: new Date(Date.now() - 6 * 86_400_000) },
    });
    const signal = new AbortController().signal;
    await Promise.all([dailySnapshotJob.run({}, { id: "a", signal }), dailySnapshotJob.run({}, { id: "b", signal })]);
    const events = await prisma.activityEvent.findMany({
      where: { entityId: project.id, action: "readiness.snapshot" },
      select: { summary: true },
    });
    expect(events.map((e) => (e.summary as { days: number }).days)).toEqual([6]);
    expect(await prisma.scoreSnapshot.count({ where: { projectId: project.id } })).toBe(6);
  });
});
