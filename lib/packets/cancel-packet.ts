import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { accessibleAudit } from "@/lib/audits/audit-access";
import { PACKET_ROW_SELECT, packetView } from "@/lib/packets/list-packets";

export interface CancelPacketOptions {
  ctx: RequestCtx;
  auditId: string;
  packetId: string;
  now: Date;
}

/** Cancels a queued build at once, or asks a running one to stop at its next chunk. */
export async function cancelPacket({ ctx, auditId, packetId, now }: CancelPacketOptions) {
  const audit = await accessibleAudit({ ctx, auditId, now, permission: "packet:build" });
  await prisma.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<
      Array<{ status: string }>
    >`SELECT status::text FROM "Packet" WHERE id = ${packetId} AND "auditId" = ${audit.id} FOR UPDATE`;
    if (!row) throw new NotFoundError("There is no such packet on this audit.");
    if (row.status === "QUEUED")
      await tx.packet.update({
        where: { id: packetId },
        data: { status: "CANCELLED", stage: "Cancelled", cancelRequestedAt: now, finishedAt: now },
      });
    else if (row.status === "RUNNING")
      await tx.packet.update({ where: { id: packetId }, data: { cancelRequestedAt: now, stage: "Cancelling" } });
    else
      throw new ConflictError(
        `This packet build has already ${row.status === "SUCCEEDED" ? "finished" : row.status.toLowerCase()}.`,
      );
    await recordActivity(tx, {
      ctx,
      action: "packet.cancel",
      entityType: "Packet",
      entityId: packetId,
      summary: { auditId: audit.id, before: { status: row.status } },
    });
  });
  return packetView(await prisma.packet.findUniqueOrThrow({ where: { id: packetId }, select: PACKET_ROW_SELECT }));
}
