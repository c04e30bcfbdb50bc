import { createReadStream, existsSync, statSync } from "node:fs";
import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { accessibleAudit } from "@/lib/audits/audit-access";
import { safeName } from "@/lib/packets/packet-files";

/** The finished ZIP of a packet, as a stream with its name and size. */
export async function openPacketDownload({
  ctx,
  auditId,
  packetId,
  now,
}: {
  ctx: RequestCtx;
  auditId: string;
  packetId: string;
  now: Date;
}) {
  const audit = await accessibleAudit({ ctx, auditId, now, permission: "packet:read" });
  const packet = await prisma.packet.findFirst({
    where: { id: packetId, auditId: audit.id },
    select: { status: true, zipPath: true, zipSha256: true, dataAsOf: true },
  });
  if (!packet) throw new NotFoundError("There is no such packet on this audit.");
  if (packet.status !== "SUCCEEDED" || !packet.zipPath)
    throw new ConflictError("This packet is not ready to download.");
  if (!existsSync(packet.zipPath))
    throw new NotFoundError("The packet's file is no longer on the server; build it again.");
  const day = packet.dataAsOf?.toISOString().slice(0, 10) ?? "undated";
  return {
    stream: createReadStream(packet.zipPath),
    size: statSync(packet.zipPath).size,
    sha256: packet.zipSha256,
    filename: `${safeName(audit.name, 60)}-packet-${day}.zip`,
  };
}
