import { describe, expect, it } from "vitest";
import { cadenceLabel, exerciseSchedule, formatDuration } from "@/lib/runbooks/schedule";

const T0 = new Date("2026-06-01T12:00:00Z");
const days = (n: number) => new Date(T0.getTime() + n * 86_400_000);

describe("exercise schedule", () => {
  it("quarterly: due 90 days after the last exercise, overdue from that instant", () => {
    const r = { cadenceDays: 90, createdAt: days(-400), lastPerformedAt: days(-10) };
    expect(exerciseSchedule(r, T0)).toEqual({ state: "ok", dueAt: days(80), lastPerformedAt: days(-10), daysLeft: 80 });
    expect(exerciseSchedule(r, days(70)).state).toBe("due-soon");
    expect(exerciseSchedule(r, days(80)).state).toBe("overdue");
    expect(exerciseSchedule(r, days(95))).toMatchObject({ state: "overdue", daysLeft: -15 });
  });

  it("a never-exercised runbook counts from when it was created; no cadence means no schedule", () => {
    expect(exerciseSchedule({ cadenceDays: 30, createdAt: days(-31), lastPerformedAt: null }, T0)).toMatchObject({
      state: "overdue",
      dueAt: days(-1),
    });
    expect(exerciseSchedule({ cadenceDays: null, createdAt: days(-500), lastPerformedAt: null }, T0)).toMatchObject({
      state: "unscheduled",
      dueAt: null,
    });
  });

  it("labels cadences and durations", () => {
    expect([cadenceLabel(90), cadenceLabel(45), cadenceLabel(null)]).toEqual([
      "Quarterly",
      "Every 45 days",
      "No schedule",
    ]);
    expect([formatDuration(5400), formatDuration(45), formatDuration(90_000), formatDuration(null)]).toEqual([
      "1 h 30 min",
      "45 s",
      "1 d 1 h",
      "—",
    ]);
  });
});
