// Populations are counted in the worker, and defined at most POPULATION_RATE.perWindow a minute per audit.
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { ConflictError, TooManyRequestsError } from "@/lib/errors";
import { createPopulation } from "@/lib/audits/create-population";
import { drawSample } from "@/lib/audits/draw-population-sample";
import { getPopulation } from "@/lib/audits/get-population";
import { exportPopulationCsv } from "@/lib/audits/export-population";
import { POPULATION_RATE, populationBuildJob } from "@/lib/audits/population-build";
import { runWorker, type RunningWorker } from "@/lib/jobs/run-worker";
import { stopBoss } from "@/lib/jobs/boss";
import { POST as createRoute } from "@/app/api/v1/audits/[auditId]/populations/route";
import { call } from "@/tests/api";
import { ctxOf } from "@/tests/factories";
import { makeAuditedProject } from "@/lib/audits/testing/audited-project";

let worker: RunningWorker | undefined;
afterAll(async () => {
  await worker?.stop();
  await stopBoss();
});

async function world() {
  const { lead, auditor, project, audit } = await makeAuditedProject({
    window: { start: new Date("2026-01-01T00:00:00Z"), end: new Date("2026-06-30T23:59:59.999Z") },
  });
  await prisma.pullRequest.createMany({
    data: Array.from({ length: 5 }, (_, i) => ({
      projectId: project.id,
      repo: "acme/x",
      number: i + 1,
      title: `PR ${i}`,
      url: `https://github.com/acme/x/pull/${i + 1}`,
      state: "merged",
      author: "lee",
      baseBranch: "main",
      mergedAt: new Date(Date.UTC(2026, 1, 1 + i)),
    })),
  });
  const ctx = ctxOf(auditor);
  const mergedPrs = { filter: { kind: "merged-prs" as const } };
  return {
    lead,
    auditor,
    project,
    audit,
    ctx,
    /** Defines the merged pull requests of the window as the auditor, at `now`. */
    define: (now: Date) => createPopulation({ ctx, auditId: audit.id, data: mergedPrs, now }),
    /** The same through the API, on the real clock. */
    defineByApi: () =>
      call(createRoute, { method: "POST", asUser: auditor.id, params: { auditId: audit.id }, body: mergedPrs }),
  };
}

describe("population builds", () => {
  it("keeps the definition at once and leaves counting to the worker; nothing can be sampled or exported until it is ready", async () => {
    const w = await world();
    const now = new Date();
    const queued = await w.define(now);
    expect(queued).toMatchObject({ status: "QUEUED", size: 0, digest: "" });
    const page = () =>
      getPopulation({ ctx: w.ctx, auditId: w.audit.id, populationId: queued.id, now, query: { limit: 10 } });
    const first = await page();
    expect(first).toMatchObject({ status: "QUEUED", size: null, digest: null, members: { items: [] }, samples: [] });
    await expect(
      drawSample({ ctx: w.ctx, auditId: w.audit.id, populationId: queued.id, data: { size: 1 }, now }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      exportPopulationCsv({ ctx: w.ctx, auditId: w.audit.id, populationId: queued.id, now }),
    ).rejects.toBeInstanceOf(ConflictError);

    // The worker picks the job up and counts it.
    worker = await runWorker([populationBuildJob as never], () => undefined);
    let status = "QUEUED";
    for (let i = 0; i < 120 && status !== "READY"; i++) {
      await new Promise((r) => setTimeout(r, 250));
      status = (await prisma.population.findUniqueOrThrow({ where: { id: queued.id } })).status;
    }
    const ready = await page();
    expect(ready).toMatchObject({ status: "READY", size: 5 });
    expect(ready.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(ready.members.items).toHaveLength(5);
    const sample = await drawSample({
      ctx: w.ctx,
      auditId: w.audit.id,
      populationId: queued.id,
      data: { size: 2, seed: "s" },
      now,
    });
    expect(sample.members).toHaveLength(2);
  });

  it(`refuses more than ${POPULATION_RATE.perWindow} definitions a minute per audit with 429 and Retry-After, writing nothing`, async () => {
    const w = await world();
    const t0 = new Date();
    for (let i = 0; i < POPULATION_RATE.perWindow; i++) {
      await w.define(new Date(t0.getTime() + i * 1000));
    }
    const at = new Date(t0.getTime() + 20_000);
    const refused = await w.define(at).catch((e) => e);
    expect(refused).toBeInstanceOf(TooManyRequestsError);
    // The oldest of the ten leaves the minute 40 seconds later.
    expect(refused.retryAfterSeconds).toBe(40);
    expect(await prisma.population.count({ where: { auditId: w.audit.id } })).toBe(POPULATION_RATE.perWindow);
    // Through the API (on the real clock, still inside the same minute): a problem with Retry-After.
    const events = await prisma.activityEvent.count({ where: { action: "population.create" } });
    const res = await w.defineByApi();
    expect(res.status).toBe(429);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(res.body).toMatchObject({ status: 429, title: "Too many requests" });
    expect(await prisma.population.count({ where: { auditId: w.audit.id } })).toBe(POPULATION_RATE.perWindow);
    expect(await prisma.activityEvent.count({ where: { action: "population.create" } })).toBe(events);
    // A minute after the oldest, one more is accepted; another audit was never limited.
    await expect(w.define(new Date(t0.getTime() + 60_001))).resolves.toMatchObject({ status: "QUEUED" });
    const other = await world();
    const accepted = await other.defineByApi();
    expect(accepted.status).toBe(202);
    expect(accepted.body).toMatchObject({ status: "QUEUED" });
  });
});
