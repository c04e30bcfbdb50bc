import { afterAll, describe, expect, it } from "vitest";
import { runWorker, type RunningWorker } from "@/lib/jobs/run-worker";
import { enqueue } from "@/lib/jobs/enqueue";
import { stopBoss } from "@/lib/jobs/boss";
import type { JobDefinition } from "@/lib/jobs/types";

let worker: RunningWorker | undefined;
afterAll(async () => {
  await worker?.stop();
  await stopBoss();
});

describe("background jobs", () => {
  it("runs a queued job in the worker with its data, and reports a failing one as failed", async () => {
    const seen: Array<{ n: number }> = [];
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const jobs: JobDefinition<never>[] = [
      {
        name: "test-echo",
        run: async (data: { n: number }) => void (seen.push(data), release()),
      } as JobDefinition<never>,
      { name: "test-fail", run: async () => Promise.reject(new Error("deliberate")) },
    ];
    worker = await runWorker(jobs, () => undefined);
    const id = await enqueue("test-echo", { n: 42 });
    expect(id).toBeTruthy();
    await done;
    expect(seen).toEqual([{ n: 42 }]);

    const failId = (await enqueue("test-fail", {}))!;
    let state: string | undefined;
    for (let i = 0; i < 60 && state !== "failed"; i++) {
      await new Promise((r) => setTimeout(r, 250));
      state = (await worker.boss.getJobById("test-fail", failId))?.state;
    }
    expect(state).toBe("failed");
  });
});
