import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { getPacket } from "@/lib/packets/list-packets";
import { ZPacketParams } from "@/lib/schemas/audit";

export const GET = defineRoute(
  { auth: "session", permission: "packet:read", params: ZPacketParams },
  async ({ ctx, params }) => getPacket({ ctx, ...params, now: await requestNow() }),
);
