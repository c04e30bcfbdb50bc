import { createReadStream, existsSync, statSync } from "node:fs";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { readablePacket, type PacketOptions } from "@/lib/packets/packet-access";
import { safeName } from "@/lib/packets/packet-files";

/** The finished ZIP of a packet, as a stream with its name and size. */
export async function openPacketDownload(options: PacketOptions) {
  const { audit, packet } = await readablePacket(options, {
    status: true,
    zipPath: true,
    zipSha256: true,
    dataAsOf: true,
  });
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
