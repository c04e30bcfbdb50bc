import { Readable } from "node:stream";
import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { openPacketDownload } from "@/lib/packets/open-packet-download";
import { ZPacketParams } from "@/lib/schemas/audit";

export const GET = defineRoute({ auth: "session", permission: "packet:read", params: ZPacketParams }, async ({ ctx, params }) => {
  const file = await openPacketDownload({ ctx, ...params, now: await requestNow() });
  return new Response(Readable.toWeb(file.stream) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": "application/zip",
      "content-length": String(file.size),
      "content-disposition": `attachment; filename="${file.filename}"`,
      ...(file.sha256 ? { "x-packet-sha256": file.sha256 } : {}),
    },
  });
});
