import { prisma } from "@/lib/db";
import { actingUserId, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { ConflictError } from "@/lib/errors";
import { accessibleAudit } from "@/lib/audits/audit-access";
import { enqueue } from "@/lib/jobs/enqueue";
import { boss } from "@/lib/jobs/boss";
import { PACKET_BUILD_JOB } from "@/lib/packets/job-name";
import { PACKET_ROW_SELECT, packetView } from "@/lib/packets/list-packets";

export interface RequestPacketOptions {
  ctx: RequestCtx;
  auditId: string;
  now: Date;
}

/** A build the queue no longer runs (the worker died, the job expired): it must not block the audit. */
async function abandoned(packet: { status: string; jobId: string | null }): Promise<string | null> {
  if (!packet.jobId) return packet.status === "QUEUED" ? null : "The build lost its job.";
  const job = await (await boss()).getJobById(PACKET_BUILD_JOB, packet.jobId).catch(() => null);
  if (!job) return "The build's job no longer exists.";
  if (job.state === "failed" || job.state === "cancelled" || job.state === "completed")
    return `The worker stopped before the build finished (job ${job.state}).`;
  return null;
}

/**
 * Queues a packet build for the audit (a lead, or an auditor with a live grant). One build per audit
 * at a time: a second request while one is queued or running is refused, under a lock on the audit.
 */
export async function requestPacket({ ctx, auditId, now }: RequestPacketOptions) {
  const audit = await accessibleAudit({ ctx, auditId, now, permission: "packet:build" });
  const requestedById = actingUserId(ctx.actor) ?? "system";
  for (const active of await prisma.packet.findMany({
    where: { auditId: audit.id, status: { in: ["QUEUED", "RUNNING"] } },
    select: { id: true, status: true, jobId: true },
  })) {
    const reason = await abandoned(active);
    if (reason)
      await prisma.packet.updateMany({
        where: { id: active.id, status: active.status },
        data: { status: "FAILED", error: reason, stage: "Failed", finishedAt: now },
      });
  }
  const packet = await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "Audit" WHERE id = ${audit.id} FOR UPDATE`;
    const busy = await tx.packet.findFirst({
      where: { auditId: audit.id, status: { in: ["QUEUED", "RUNNING"] } },
      select: { createdAt: true },
    });
    if (busy)
      throw new ConflictError(
        `A packet for this audit is already being built (requested ${busy.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC). Wait for it to finish or cancel it.`,
      );
    const created = await tx.packet.create({
      data: { auditId: audit.id, requestedById, stage: "Waiting for the worker" },
      select: { id: true },
    });
    await recordActivity(tx, {
      ctx,
      action: "packet.request",
      entityType: "Packet",
      entityId: created.id,
      summary: { auditId: audit.id },
    });
    return created;
  });
  try {
    const jobId = await enqueue(
      PACKET_BUILD_JOB,
      { packetId: packet.id },
      { singletonKey: packet.id, expireInSeconds: 60 * 60 },
    );
    await prisma.packet.update({ where: { id: packet.id }, data: { jobId } });
  } catch (err) {
    await prisma.packet.update({
      where: { id: packet.id },
      data: {
        status: "FAILED",
        stage: "Failed",
        error: "The build could not be queued; try again.",
        finishedAt: new Date(),
      },
    });
    throw err;
  }
  return packetView(await prisma.packet.findUniqueOrThrow({ where: { id: packet.id }, select: PACKET_ROW_SELECT }));
}
