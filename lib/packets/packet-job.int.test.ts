import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { runWorker, type RunningWorker } from "@/lib/jobs/run-worker";
import { stopBoss } from "@/lib/jobs/boss";
import { packetBuildJob } from "@/lib/packets/build-packet-job";
import { verifyPacket } from "@/public/cli/proofline.mjs";
import { GET as packetsRoute, POST as requestRoute } from "@/app/api/v1/audits/[auditId]/packets/route";
import { GET as packetRoute } from "@/app/api/v1/audits/[auditId]/packets/[packetId]/route";
import { POST as cancelRoute } from "@/app/api/v1/audits/[auditId]/packets/[packetId]/cancel/route";
import { GET as downloadRoute } from "@/app/api/v1/audits/[auditId]/packets/[packetId]/download/route";
import { GET as keyRoute } from "@/app/api/v1/audits/signing-key/route";
import { call } from "@/tests/api";
import { makeProject, makeUser } from "@/tests/factories";
import { makeAudit, makeEvidence, makeGrant } from "@/lib/audits/audit-test-data";
import { packetWorld } from "@/lib/packets/packet-test-world";

const dir = mkdtempSync(path.join(tmpdir(), "proofline-packet-job-"));
process.env.PACKET_SIGNING_KEY_FILE = path.join(dir, "key.pem");
process.env.PACKET_DIR = path.join(dir, "packets");

let worker: RunningWorker | undefined;
afterAll(async () => {
  await worker?.stop();
  await stopBoss();
});

async function waitFor(auditId: string, packetId: string, asUser: string, done: (p: { status: string }) => boolean) {
  const seen: Array<{ status: string; progress: number; stage: string | null }> = [];
  for (let i = 0; i < 600; i++) {
    const res = await call(packetRoute, { asUser, params: { auditId, packetId } });
    seen.push(res.body);
    if (done(res.body)) return { packet: res.body, seen };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`packet ${packetId} never finished: ${JSON.stringify(seen.at(-1))}`);
}

// A whole packet (about a hundred pages) builds in each test: 15 to 30 s on an idle machine, several
// times that when the suite shares the machine. The limit only guards against a hang.
describe("packet builds in the background", { timeout: 240_000 }, () => {
  it("queues one build per audit, reports progress, and serves a packet that verifies against the key the app shows", async () => {
    const w = await packetWorld();
    const queued = await call(requestRoute, { method: "POST", asUser: w.auditor.id, params: { auditId: w.audit.id } });
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ status: "QUEUED", active: true });
    const second = await call(requestRoute, { method: "POST", asUser: w.lead.id, params: { auditId: w.audit.id } });
    expect(second.status).toBe(409);
    expect(second.body.detail).toMatch(/^A packet for this audit is already being built/);

    worker = await runWorker([packetBuildJob as never], () => undefined);
    const { packet, seen } = await waitFor(
      w.audit.id,
      queued.body.id,
      w.auditor.id,
      (p) => p.status === "SUCCEEDED" || p.status === "FAILED",
    );
    expect(packet.status).toBe("SUCCEEDED");
    expect(seen.some((p) => p.status === "RUNNING" && p.progress > 0 && p.progress < 1)).toBe(true);
    expect(packet.pageCount).toBeGreaterThan(10);

    const download = await fetchDownload(w.audit.id, packet.id, w.auditor.id);
    expect(download.type).toBe("application/zip");
    const file = path.join(dir, "downloaded.zip");
    writeFileSync(file, download.bytes);
    const key = await call(keyRoute, { asUser: w.auditor.id });
    const result = await verifyPacket(file, { expectedPublicKey: key.body.publicKey });
    expect(result.problems).toEqual([]);
    expect(result.fingerprint).toBe(key.body.fingerprint);

    const listed = await call(packetsRoute, { asUser: w.lead.id, params: { auditId: w.audit.id } });
    expect(listed.body.items[0]).toMatchObject({
      id: packet.id,
      status: "SUCCEEDED",
      downloadable: true,
      requestedBy: "Aud Auditor",
    });
    const events = await prisma.activityEvent.findMany({
      where: { entityId: packet.id },
      orderBy: { id: "asc" },
      select: { action: true },
    });
    expect(events.map((e) => e.action)).toEqual(["packet.request", "packet.built"]);
  });

  it("reports a failure with its reason, and lets the audit build again afterwards", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const project = await makeProject({ frameworks: ["soc2"] });
    const audit = await makeAudit({
      leadId: lead.id,
      projectIds: [project.id],
      windowStart: new Date("2026-01-01T00:00:00Z"),
      windowEnd: new Date("2026-06-30T23:59:59.999Z"),
    });
    const lost = await makeEvidence({
      projectId: project.id,
      effectiveAt: new Date("2026-02-01T00:00:00Z"),
      bytes: Buffer.from("never stored"),
      title: "Lost original",
    });
    worker ??= await runWorker([packetBuildJob as never], () => undefined);
    const queued = await call(requestRoute, { method: "POST", asUser: lead.id, params: { auditId: audit.id } });
    const { packet } = await waitFor(
      audit.id,
      queued.body.id,
      lead.id,
      (p) => p.status === "FAILED" || p.status === "SUCCEEDED",
    );
    expect(packet.status).toBe("FAILED");
    expect(packet.error).toBe(
      `The original of evidence "Lost original" (sha256 ${lost.sha256}) is missing from the blob store.`,
    );
    const again = await call(requestRoute, { method: "POST", asUser: lead.id, params: { auditId: audit.id } });
    expect(again.status).toBe(202);
    await waitFor(audit.id, again.body.id, lead.id, (p) => p.status !== "QUEUED" && p.status !== "RUNNING");
  });

  it("cancels a running build at its next chunk, and refuses auditors without a live grant", async () => {
    const w = await packetWorld();
    worker ??= await runWorker([packetBuildJob as never], () => undefined);
    const queued = await call(requestRoute, { method: "POST", asUser: w.lead.id, params: { auditId: w.audit.id } });
    await waitFor(w.audit.id, queued.body.id, w.lead.id, (p) => p.status === "RUNNING");
    const cancel = await call(cancelRoute, {
      method: "POST",
      asUser: w.auditor.id,
      params: { auditId: w.audit.id, packetId: queued.body.id },
    });
    expect(cancel.status).toBe(200);
    const { packet } = await waitFor(w.audit.id, queued.body.id, w.lead.id, (p) => p.status !== "RUNNING");
    expect(packet.status).toBe("CANCELLED");
    expect(
      (await call(downloadRoute, { asUser: w.lead.id, params: { auditId: w.audit.id, packetId: packet.id } })).status,
    ).toBe(409);
    expect(
      (
        await call(cancelRoute, {
          method: "POST",
          asUser: w.lead.id,
          params: { auditId: w.audit.id, packetId: packet.id },
        })
      ).status,
    ).toBe(409);

    const outsider = await makeUser({ role: "AUDITOR" });
    expect(
      (await call(requestRoute, { method: "POST", asUser: outsider.id, params: { auditId: w.audit.id } })).status,
    ).toBe(404);
    await makeGrant({
      auditId: w.audit.id,
      userId: outsider.id,
      expiresAt: new Date(Date.now() - 1000),
      grantedById: w.lead.id,
    });
    const expired = await call(requestRoute, { method: "POST", asUser: outsider.id, params: { auditId: w.audit.id } });
    expect(expired.status).toBe(403);
    expect(expired.body.detail).toMatch(/^Your access to the audit ".*" ended on /);
    const engineer = await makeUser({ role: "ENGINEER" });
    expect(
      (await call(requestRoute, { method: "POST", asUser: engineer.id, params: { auditId: w.audit.id } })).status,
    ).toBe(403);
  });
});

async function fetchDownload(auditId: string, packetId: string, asUser: string) {
  const { sessionCookie } = await import("@/tests/api");
  const { NextRequest } = await import("next/server");
  const req = new NextRequest(new URL(`/api/v1/audits/${auditId}/packets/${packetId}/download`, "http://localhost"), {
    headers: { cookie: await sessionCookie(asUser) },
  });
  const res = await downloadRoute(req, { params: Promise.resolve({ auditId, packetId }) });
  expect(res.status).toBe(200);
  return { type: res.headers.get("content-type"), bytes: Buffer.from(await res.arrayBuffer()) };
}
