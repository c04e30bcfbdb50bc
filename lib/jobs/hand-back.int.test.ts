// Issue 16: a worker told to stop (SIGTERM) hands its running packet build back to the queue; another
// worker picks it up and the packet still completes, built exactly once. Two pg-boss workers on one
// database (in one process here; the multi-instance tier does it with real processes and SIGTERM).
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { runWorker, type RunningWorker } from "@/lib/jobs/run-worker";
import { stopBoss } from "@/lib/jobs/boss";
import { packetBuildJob } from "@/lib/packets/build-packet-job";
import { POST as requestRoute } from "@/app/api/v1/audits/[auditId]/packets/route";
import { call } from "@/tests/api";
import { packetWorld } from "@/lib/packets/packet-test-world";
import { runPacketBuild } from "@/lib/packets/run-packet-build";

const dir = mkdtempSync(path.join(tmpdir(), "proofline-hand-back-"));
process.env.PACKET_SIGNING_KEY_FILE = path.join(dir, "key.pem");
process.env.PACKET_DIR = path.join(dir, "packets");

const workers: RunningWorker[] = [];
afterAll(async () => {
  for (const w of workers) await w.stop(1000);
  await stopBoss();
});

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  for (let i = 0; i < 1200; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("a stopping worker hands its job back", { timeout: 300_000 }, () => {
  it("puts a running packet build back in the queue; the other worker builds it once", async () => {
    const w = await packetWorld();
    const queued = await call(requestRoute, { method: "POST", asUser: w.lead.id, params: { auditId: w.audit.id } });
    expect(queued.status).toBe(202);
    const packetId: string = queued.body.id;
    // Holds the build on its first read of the audit (an exclusive lock from outside), so that the stop
    // lands while it runs, whatever the machine's speed.
    const blocker = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await blocker.connect();
    await blocker.query(`BEGIN; LOCK TABLE "Audit" IN ACCESS EXCLUSIVE MODE`);
    const logA: string[] = [];
    const logB: string[] = [];
    const a = await runWorker([packetBuildJob as never], (l) => logA.push(l));
    workers.push(a);
    const read = () =>
      prisma.packet.findUniqueOrThrow({
        where: { id: packetId },
        select: { status: true, progress: true, jobId: true },
      });
    await until("the build to run on worker A", read, (p) => p.status === "RUNNING");
    const b = await runWorker([packetBuildJob as never], (l) => logB.push(l));
    workers.push(b);

    const stopped = a.stop(60_000);
    await new Promise((r) => setTimeout(r, 500));
    await blocker.query("COMMIT");
    await blocker.end();
    await stopped;
    expect(logA.join("\n")).toContain(`handed back to the queue`);
    expect(logA.join("\n")).not.toContain("done in");

    const done = await until("the build to finish", read, (p) => p.status === "SUCCEEDED" || p.status === "FAILED");
    expect(done.status).toBe("SUCCEEDED");
    // The worker logs "done in" once the handler has returned, just after the packet row says SUCCEEDED.
    await until(
      "worker B to log the job done",
      async () => logB.join("\n"),
      (t) => t.includes(`${packetBuildJob.name} ${done.jobId} done in`),
    );
    const events = await prisma.activityEvent.findMany({
      where: { entityId: packetId },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(events.map((e) => e.action)).toEqual(["packet.request", "packet.handed_back", "packet.built"]);
  });

  it("a retried job takes over a build its cut-off attempt left RUNNING; another job's retry does not", async () => {
    const w = await packetWorld();
    const queued = await call(requestRoute, { method: "POST", asUser: w.lead.id, params: { auditId: w.audit.id } });
    const packetId: string = queued.body.id;
    // As a worker killed mid-build leaves it: RUNNING under its job.
    await prisma.packet.update({
      where: { id: packetId },
      data: { status: "RUNNING", jobId: "job-cut-off", progress: 0.3 },
    });
    await runPacketBuild(packetId, () => undefined, undefined, "another-job");
    expect((await prisma.packet.findUniqueOrThrow({ where: { id: packetId }, select: { status: true } })).status).toBe(
      "RUNNING",
    );
    await runPacketBuild(packetId, () => undefined, undefined, "job-cut-off");
    expect((await prisma.packet.findUniqueOrThrow({ where: { id: packetId }, select: { status: true } })).status).toBe(
      "SUCCEEDED",
    );
  });
});
