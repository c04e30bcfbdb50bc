import { describe, expect, it } from "vitest";
import { BusyError, Semaphore } from "@/lib/auth/semaphore";

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe("Semaphore", () => {
  it("runs at most `max` tasks at once, queues a few, and refuses the rest at once", async () => {
    const s = new Semaphore(2, 1, 60_000);
    const g = gate();
    let peak = 0;
    let running = 0;
    const task = async () => {
      running++;
      peak = Math.max(peak, running);
      await g.opened;
      running--;
      return "done";
    };
    const first = s.run(task);
    const second = s.run(task);
    const queued = s.run(task);
    expect(s.active).toBe(2);
    expect(s.waiting).toBe(1);
    // A flood beyond the queue is refused without waiting and without running.
    const refused = await Promise.allSettled(Array.from({ length: 50 }, () => s.run(task)));
    expect(refused.every((r) => r.status === "rejected" && r.reason instanceof BusyError)).toBe(true);
    g.open();
    expect(await Promise.all([first, second, queued])).toEqual(["done", "done", "done"]);
    expect(peak).toBe(2);
    expect(s.active).toBe(0);
    expect(s.waiting).toBe(0);
  });

  it("refuses a waiter whose wait runs out, and frees its place in the queue", async () => {
    const s = new Semaphore(1, 1, 5);
    const g = gate();
    const holder = s.run(() => g.opened);
    await expect(s.run(async () => "never")).rejects.toBeInstanceOf(BusyError);
    expect(s.waiting).toBe(0);
    g.open();
    await holder;
    expect(await s.run(async () => "next")).toBe("next");
  });

  it("frees the slot when a task throws", async () => {
    const s = new Semaphore(1, 0, 5);
    await expect(s.run(async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await s.run(async () => 1)).toBe(1);
  });
});
