// The multi-instance tier (issue 16): two web servers and two workers, started from deploy/Procfile
// (tests/multi/cluster.ts), against one PostgreSQL and one S3 endpoint (the signature-checking s3rver
// front). scripts/test.ts (tier "multi") sets DATABASE_URL (an empty database: the Procfile's release
// step migrates it), the S3_* variables, NEXTAUTH_SECRET, PACKET_DIR, PACKET_SIGNING_KEY_FILE and
// NEXT_DIST_DIR. Each test builds its own users and data.
import { spawn } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { boss, stopBoss } from "@/lib/jobs/boss";
import { makeProject, makeUser } from "@/tests/factories";
import { sessionCookie } from "@/tests/api";
import { makeToken } from "@/lib/evidence/testing/helpers";
import { packetWorld } from "@/lib/packets/packet-test-world";
import { dailySnapshotJob } from "@/lib/readiness/daily-snapshot-job";
import { junitReport, send } from "@/tests/served/bodies";
import { release, startWeb, startWorker, type ClusterProcess } from "./cluster";

if (!process.env.DATABASE_URL || process.env.BLOB_STORE !== "s3")
  throw new Error("Run the multi tier through `npm run test:multi` (it prepares the database and the S3 endpoint).");
const env = { ...process.env };
let webs: ClusterProcess[] = [];
let workers: ClusterProcess[] = [];

beforeAll(async () => {
  await release(env);
  webs = await Promise.all([startWeb("web.1", env), startWeb("web.2", env)]);
  workers = await Promise.all([startWorker("worker.1", env), startWorker("worker.2", env)]);
}, 300_000);

afterAll(async () => {
  await Promise.all([...webs, ...workers].map((p) => p.terminate()));
  await stopBoss();
  await prisma.$disconnect();
}, 120_000);

const [A, B] = [0, 1];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string, read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 240_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await sleep(200);
  }
}

function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((c) => c.split(";")[0]);
}

/** A credentials sign-in through next-auth's own endpoints, as the sign-in form does it. */
async function signIn(base: string, email: string, password: string, address: string) {
  const headers = { "x-forwarded-for": address };
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf).join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }).toString(),
  });
  await res.text();
  const session = cookiesOf(res).find((c) => c.startsWith("next-auth.session-token="));
  return { status: res.status, session };
}

describe("two web servers, two workers, one database, one bucket", { timeout: 600_000 }, () => {
  it("every instance is ready, and says so on /api/health/ready", async () => {
    for (const w of webs) {
      const res = await fetch(`${w.url}/api/health/ready`);
      const body = (await res.json()) as { status: string; checks: Record<string, { status: string }> };
      expect([w.name, res.status, body.status, body.checks.blobStore.status]).toEqual([w.name, 200, "ready", "ok"]);
    }
  });

  it("shares the sign-in throttle: failures on either server count together", async () => {
    const user = await makeUser({ role: "ENGINEER", password: "the-right-password-42" });
    const address = "203.0.113.41";
    // The pair window allows 10 attempts per 15 minutes: five wrong ones on each server.
    for (let i = 0; i < 10; i++)
      expect((await signIn(webs[i % 2].url, user.email, "a-wrong-password", address)).status).toBe(401);
    // In process memory each server would have seen five and let the right password through.
    expect((await signIn(webs[A].url, user.email, user.password, address)).status).toBe(429);
    expect((await signIn(webs[B].url, user.email, user.password, address)).status).toBe(429);
    expect(await prisma.signInThrottle.count({ where: { account: user.email } })).toBeGreaterThan(0);
  });

  it("a session made on one server works on the other", async () => {
    const user = await makeUser({ role: "COMPLIANCE_LEAD", password: "another-right-password-42" });
    const { status, session } = await signIn(webs[A].url, user.email, user.password, "203.0.113.42");
    expect(status).toBe(200);
    expect(session).toBeDefined();
    const me = await fetch(`${webs[B].url}/api/v1/me`, { headers: { cookie: session! } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { email: string } }).user.email).toBe(user.email);
  });

  it("1,000 concurrent changes across both servers leave one unbroken activity chain, and activity:verify passes", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const cookie = await sessionCookie(admin.id);
    const project = await makeProject({ frameworks: ["soc2"] });
    const before = await prisma.activityEvent.count();
    let next = 0;
    const statuses: number[] = [];
    const lane = async () => {
      for (let n = next++; n < 1000; n = next++) {
        const res = await fetch(`${webs[n % 2].url}/api/v1/projects/${project.slug}/backlog`, {
          method: "POST",
          headers: { cookie, "content-type": "application/json" },
          body: JSON.stringify({ title: `Concurrent change ${n}` }),
        });
        await res.arrayBuffer();
        statuses.push(res.status);
      }
    };
    await Promise.all(Array.from({ length: 32 }, lane));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1000);
    const created = await prisma.activityEvent.count({
      where: { projectId: project.id, action: "backlog-item.create" },
    });
    expect(created).toBe(1000);
    // No fork: no two events share a predecessor, and every event but the first follows the one before it.
    const forks = await prisma.$queryRaw<
      Array<{ n: bigint }>
    >`SELECT count(*) AS n FROM (SELECT "prevHash" FROM "ActivityEvent" GROUP BY "prevHash" HAVING count(*) > 1) f`;
    expect(Number(forks[0].n)).toBe(0);
    const breaks = await prisma.$queryRaw<
      Array<{ n: bigint }>
    >`SELECT count(*) AS n FROM (SELECT "prevHash", lag(hash) OVER (ORDER BY id) AS prev FROM "ActivityEvent") e WHERE prev IS NOT NULL AND prev <> "prevHash"`;
    expect(Number(breaks[0].n)).toBe(0);
    expect(await prisma.activityEvent.count()).toBeGreaterThanOrEqual(before + 1000);
    const verify = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(process.execPath, ["node_modules/tsx/dist/cli.mjs", "scripts/activity-verify.ts"], {
        env,
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (c: Buffer) => (out += c.toString()));
      child.stderr.on("data", (c: Buffer) => (out += c.toString()));
      child.on("exit", (code) => resolve({ code, out }));
    });
    expect(verify.code, verify.out).toBe(0);
  });

  it("builds a packet exactly once, whichever worker takes it", async () => {
    const w = await packetWorld();
    const res = await fetch(`${webs[A].url}/api/v1/audits/${w.audit.id}/packets`, {
      method: "POST",
      headers: { cookie: await sessionCookie(w.lead.id) },
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const done = await until(
      "the packet",
      () => prisma.packet.findUniqueOrThrow({ where: { id }, select: { status: true, jobId: true } }),
      (p) => p.status === "SUCCEEDED" || p.status === "FAILED",
    );
    expect(done.status).toBe("SUCCEEDED");
    const starts = workers.flatMap((p) => p.output.filter((l) => l.includes(`packet-build ${done.jobId} started`)));
    expect(starts).toHaveLength(1);
    const events = await prisma.activityEvent.findMany({
      where: { entityId: id },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(events.map((e) => e.action)).toEqual(["packet.request", "packet.built"]);
    // The other server serves the ZIP the worker wrote.
    const zip = await fetch(`${webs[B].url}/api/v1/audits/${w.audit.id}/packets/${id}/download`, {
      headers: { cookie: await sessionCookie(w.lead.id) },
    });
    expect([zip.status, zip.headers.get("content-type")]).toEqual([200, "application/zip"]);
    await zip.arrayBuffer();
  });

  it("takes the daily snapshots once when both workers run the job at the same instant", async () => {
    const project = await makeProject({ frameworks: ["soc2"] });
    await prisma.project.update({
      where: { id: project.id },
      data: { createdAt: new Date(Date.now() - 6 * 86_400_000) },
    });
    const b = await boss();
    const ids = await Promise.all([b.send(dailySnapshotJob.name, {}), b.send(dailySnapshotJob.name, {})]);
    for (const jobId of ids) {
      await until(
        "both snapshot jobs",
        () => b.getJobById(dailySnapshotJob.name, jobId!),
        (j) => j?.state === "completed" || j?.state === "failed",
      );
      expect((await b.getJobById(dailySnapshotJob.name, jobId!))?.state).toBe("completed");
    }
    const events = await prisma.activityEvent.findMany({
      where: { entityId: project.id, action: "readiness.snapshot" },
      select: { summary: true },
    });
    expect(events).toHaveLength(1);
    expect((events[0].summary as { days: number }).days).toBe(6);
    const rows = await prisma.scoreSnapshot.groupBy({
      by: ["frameworkId", "day"],
      where: { projectId: project.id },
      _count: { _all: true },
    });
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r._count._all === 1)).toBe(true);
  });

  it("on SIGTERM a web server finishes the request in flight, then stops; the other keeps serving", async () => {
    const project = await makeProject();
    const bearer = (await makeToken(project.id)).secret;
    const report = junitReport(64 * 1024, 7);
    const whole = Buffer.concat([...report.chunks()]);
    const half = Math.floor(whole.length / 2);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // Half the body, then a pause while the server is told to stop, then the rest.
    async function* body() {
      yield whole.subarray(0, half);
      await gate;
      yield whole.subarray(half);
    }
    const victim = webs[A];
    const answer = send(`${victim.url}/api/v1/projects/${project.slug}/evidence?format=junit`, {
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/octet-stream" },
      chunks: body(),
    });
    await sleep(500);
    process.kill(victim.pid, "SIGTERM");
    await sleep(1000);
    // Stopped taking new connections, still running.
    await expect(fetch(`${victim.url}/api/health/live`)).rejects.toThrow();
    expect(victim.hasExited()).toBe(false);
    release();
    const got = await answer;
    expect(got?.status).toBe(201);
    expect(await prisma.evidence.count({ where: { projectId: project.id } })).toBe(1);
    const exit = await victim.exited;
    expect(exit.code).toBe(143); // next start's exit code for SIGTERM, after its requests finished
    expect((await fetch(`${webs[B].url}/api/health/ready`)).status).toBe(200);
    webs[A] = await startWeb("web.3", env);
  });

  it("on SIGTERM a worker hands its running packet build back; the other worker completes it", async () => {
    const w = await packetWorld();
    // Holds the build on its first read of the audit's evidence (a lock the request itself does not
    // need), so that the SIGTERM lands while the build runs, whatever the machine's speed.
    const blocker = new pg.Client({ connectionString: env.DATABASE_URL });
    await blocker.connect();
    await blocker.query(`BEGIN; LOCK TABLE "Evidence" IN ACCESS EXCLUSIVE MODE`);
    try {
      const res = await fetch(`${webs[B].url}/api/v1/audits/${w.audit.id}/packets`, {
        method: "POST",
        headers: { cookie: await sessionCookie(w.lead.id) },
      });
      expect(res.status).toBe(202);
      const id = ((await res.json()) as { id: string }).id;
      const running = await until(
        "the build to start",
        () => prisma.packet.findUniqueOrThrow({ where: { id }, select: { status: true, jobId: true } }),
        (p) => p.status === "RUNNING",
      );
      const holder = await until(
        "the worker that took it",
        async () => workers.find((p) => p.output.some((l) => l.includes(`packet-build ${running.jobId} started`))),
        (p) => p !== undefined,
      );
      const other = workers.find((p) => p !== holder)!;
      process.kill(holder!.pid, "SIGTERM");
      await sleep(500);
      await blocker.query("COMMIT");
      const exit = await holder!.exited;
      expect(exit.code).toBe(0);
      expect(holder!.output.join("\n")).toContain(
        `packet-build ${running.jobId}: Packet ${id} handed back to the queue`,
      );
      const done = await until(
        "the packet",
        () => prisma.packet.findUniqueOrThrow({ where: { id }, select: { status: true } }),
        (p) => p.status === "SUCCEEDED" || p.status === "FAILED",
      );
      expect(done.status).toBe("SUCCEEDED");
      expect(other.output.some((l) => l.includes(`packet-build ${running.jobId} started`))).toBe(true);
      const events = await prisma.activityEvent.findMany({
        where: { entityId: id },
        orderBy: { id: "asc" },
        select: { action: true },
      });
      expect(events.map((e) => e.action)).toEqual(["packet.request", "packet.handed_back", "packet.built"]);
      workers = [other, await startWorker("worker.3", env)];
    } finally {
      await blocker.end().catch(() => undefined);
    }
  });
});
