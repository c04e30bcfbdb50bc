import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { csvResponse } from "@/lib/core/http/csv";
import { exportRequestsCsv } from "@/lib/audits/export-requests-csv";
import { ZAuditParams } from "@/lib/schemas/audit";

export const GET = defineRoute(
  { auth: "session", permission: "request:read", params: ZAuditParams },
  async ({ ctx, params }) => {
    const csv = await exportRequestsCsv({ ctx, auditId: params.auditId, now: await requestNow() });
    return csvResponse(csv.body, csv.filename);
  },
);
