import type { Prisma } from "@/generated/prisma/client";
import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { accessibleAudit } from "@/lib/audits/audit-access";
import { readablePacket, type PacketOptions } from "@/lib/packets/packet-access";

export const PACKET_ROW_SELECT = {
  id: true,
  status: true,
  progress: true,
  stage: true,
  error: true,
  requestedById: true,
  cancelRequestedAt: true,
  zipSha256: true,
  byteSize: true,
  pageCount: true,
  dataAsOf: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
} satisfies Prisma.PacketSelect;

type PacketRow = Prisma.PacketGetPayload<{ select: typeof PACKET_ROW_SELECT }>;

export function packetView(p: PacketRow) {
  return { ...p, active: p.status === "QUEUED" || p.status === "RUNNING", downloadable: p.status === "SUCCEEDED" };
}
export type PacketView = ReturnType<typeof packetView>;

/** The audit's packet builds, newest first (the latest twenty). */
export async function listPackets({ ctx, auditId, now }: { ctx: RequestCtx; auditId: string; now: Date }) {
  const audit = await accessibleAudit({ ctx, auditId, now, permission: "packet:read" });
  const rows = await prisma.packet.findMany({
    where: { auditId: audit.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 20,
    select: PACKET_ROW_SELECT,
  });
  const people = await prisma.user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.requestedById))] } },
    select: { id: true, name: true },
  });
  return rows.map((r) => ({
    ...packetView(r),
    requestedBy: people.find((u) => u.id === r.requestedById)?.name ?? "System",
  }));
}

/** One packet build, for polling its progress. */
export async function getPacket(options: PacketOptions) {
  const { packet } = await readablePacket(options, PACKET_ROW_SELECT);
  return packetView(packet);
}
