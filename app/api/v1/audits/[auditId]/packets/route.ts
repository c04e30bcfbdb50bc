import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";
import { requestNow } from "@/lib/clock";
import { listPackets } from "@/lib/packets/list-packets";
import { requestPacket } from "@/lib/packets/request-packet";
import { ZAuditParams } from "@/lib/schemas/audit";

export const GET = defineRoute(
  { auth: "session", permission: "packet:read", params: ZAuditParams },
  async ({ ctx, params }) => ({
    items: await listPackets({ ctx, auditId: params.auditId, now: await requestNow() }),
  }),
);

/** Queues a packet build (202: the worker builds it; poll the packet for progress). */
export const POST = defineRoute(
  { auth: "session", permission: "packet:build", params: ZAuditParams },
  async ({ ctx, params }) =>
    jsonResponse(await requestPacket({ ctx, auditId: params.auditId, now: await requestNow() }), { status: 202 }),
);
