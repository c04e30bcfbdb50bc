import { describe, expect, it } from "vitest";
import { systemCtx } from "@/lib/auth/actor";
import { listReadinessControls } from "@/lib/readiness/list-readiness-controls";
import { makeSmallWorld } from "@/lib/readiness/testing/small-world";

describe("controls behind a number", () => {
  it("lists the controls in a state or sharing a cause, with reasons and what they hold back, a page at a time", async () => {
    const now = new Date();
    const w = await makeSmallWorld(now);
    const ctx = systemCtx("test");
    const failing = await listReadinessControls({ ctx, slug: w.project.slug, now, state: "failing", limit: 50 });
    expect(failing.total).toBe(1);
    expect(failing.items[0]).toMatchObject({
      key: w.controls.chg,
      state: "failing",
      href: `/controls/${w.controls.chg}`,
      holdsBack: [
        {
          framework: w.framework.key,
          refId: "R-CHG.1",
          href: `/projects/${w.project.slug}/readiness/${w.framework.key}#req-R-CHG.1`,
        },
      ],
    });
    expect(failing.items[0].reasons[0].sentence).toBe(`${w.failedTitle} failed on main 2 days ago`);

    const byCause = await listReadinessControls({
      ctx,
      slug: w.project.slug,
      now,
      cause: `exercise-overdue:${w.runbookId}`,
      limit: 50,
    });
    expect(byCause.items.map((c) => c.key)).toEqual([w.controls.bck]);

    const first = await listReadinessControls({ ctx, slug: w.project.slug, now, limit: 2 });
    expect(first.total).toBe(3);
    expect(first.items).toHaveLength(2);
    const second = await listReadinessControls({ ctx, slug: w.project.slug, now, limit: 2, after: first.nextAfter! });
    expect([...first.items, ...second.items].map((c) => c.key).sort()).toEqual(Object.values(w.controls).sort());
    expect(second.nextAfter).toBeNull();
  });
});
