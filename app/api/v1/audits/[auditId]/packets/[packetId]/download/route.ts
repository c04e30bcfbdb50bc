import { Readable } from "node:stream";
import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { openPacketDownload } from "@/lib/packets/open-packet-download";
import { ZPacketParams } from "@/lib/schemas/audit";
import { downloadResponse } from "@/lib/core/http/download";

export const GET = defineRoute(
  { auth: "session", permission: "packet:read", params: ZPacketParams },
  async ({ ctx, params }) => {
    const file = await openPacketDownload({ ctx, ...params, now: await requestNow() });
    return downloadResponse(Readable.toWeb(file.stream) as ReadableStream<Uint8Array>, {
      filename: file.filename,
      contentType: "application/zip",
      size: file.size,
      headers: file.sha256 ? { "x-packet-sha256": file.sha256 } : {},
    });
  },
);
