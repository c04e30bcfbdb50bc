import type { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import { accessibleAudit, type AccessibleAudit } from "@/lib/audits/audit-access";

export interface PacketOptions {
  ctx: RequestCtx;
  auditId: string;
  packetId: string;
  now: Date;
}

/** One packet of an audit whose packets the actor may read (packet:read through the audit's gate); 404 otherwise. */
export async function readablePacket<S extends Prisma.PacketSelect>(
  { ctx, auditId, packetId, now }: PacketOptions,
  select: S,
): Promise<{ audit: AccessibleAudit; packet: Prisma.PacketGetPayload<{ select: S }> }> {
  const audit = await accessibleAudit({ ctx, auditId, now, permission: "packet:read" });
  const packet = await prisma.packet.findFirst({ where: { id: packetId, auditId: audit.id }, select });
  if (!packet) throw new NotFoundError("There is no such packet on this audit.");
  return { audit, packet: packet as Prisma.PacketGetPayload<{ select: S }> };
}
