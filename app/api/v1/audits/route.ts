import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";
import { requestNow } from "@/lib/clock";
import { ZPageQuery } from "@/lib/pagination";
import { listAudits } from "@/lib/audits/list-audits";
import { createAudit } from "@/lib/audits/create-audit";
import { ZAuditCreate } from "@/lib/schemas/audit";

export const GET = defineRoute(
  { auth: "session", permission: "audit:read", query: z.strictObject({ ...ZPageQuery }) },
  async ({ ctx, query }) => listAudits({ ctx, now: await requestNow(), limit: query.limit, cursor: query.cursor }),
);

export const POST = defineRoute(
  { auth: "session", permission: "audit:manage", body: ZAuditCreate },
  async ({ ctx, body }) =>
    jsonResponse(await createAudit({ ctx, data: body, now: await requestNow() }), { status: 201 }),
);
