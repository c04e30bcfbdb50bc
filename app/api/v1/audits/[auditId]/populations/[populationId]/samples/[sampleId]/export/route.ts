import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { csvResponse } from "@/lib/core/http/csv";
import { exportSampleCsv } from "@/lib/audits/export-population";
import { ZSampleParams } from "@/lib/schemas/audit";

export const GET = defineRoute(
  { auth: "session", permission: "population:read", params: ZSampleParams },
  async ({ ctx, params }) => {
    const csv = await exportSampleCsv({ ctx, ...params, now: await requestNow() });
    return csvResponse(csv.body, csv.filename);
  },
);
