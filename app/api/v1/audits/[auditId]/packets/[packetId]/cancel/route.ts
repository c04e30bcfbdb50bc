import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { cancelPacket } from "@/lib/packets/cancel-packet";
import { ZPacketParams } from "@/lib/schemas/audit";

export const POST = defineRoute(
  { auth: "session", permission: "packet:build", params: ZPacketParams },
  async ({ ctx, params }) => cancelPacket({ ctx, ...params, now: await requestNow() }),
);
