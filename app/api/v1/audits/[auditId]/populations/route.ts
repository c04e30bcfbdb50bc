import { defineRoute } from "@/lib/api/handler";
import { workspaceBody } from "@/lib/audits/workspace-body";
import { jsonResponse } from "@/lib/core/http/json";
import { requestNow } from "@/lib/clock";
import { listPopulations } from "@/lib/audits/list-populations";
import { createPopulation } from "@/lib/audits/create-population";
import { ZAuditParams } from "@/lib/schemas/audit";

export const GET = defineRoute(
  { auth: "session", permission: "population:read", params: ZAuditParams },
  async ({ ctx, params }) => ({
    items: await listPopulations({ ctx, auditId: params.auditId, now: await requestNow() }),
  }),
);

// Accepted, not yet counted: the worker fills in size and digest; GET the population to see its status.
// At most POPULATION_RATE.perWindow a minute per audit (429 with Retry-After beyond that).
export const POST = defineRoute(
  { auth: "session", permission: "population:create", params: ZAuditParams },
  async ({ ctx, params, req }) =>
    jsonResponse(
      await createPopulation({ ctx, auditId: params.auditId, data: await workspaceBody(req), now: await requestNow() }),
      { status: 202 },
    ),
);
