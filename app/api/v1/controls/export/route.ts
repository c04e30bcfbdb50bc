import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { exportControlsCsv } from "@/lib/controls/export-controls-csv";
import { csvResponse } from "@/lib/core/http/csv";

const query = z.strictObject({ archived: z.enum(["include", "exclude"]).default("include") });

export const GET = defineRoute({ auth: "session", permission: "control:read", query }, async ({ ctx, query }) => {
  const csv = await exportControlsCsv({ ctx, includeArchived: query.archived === "include" });
  const day = (await requestNow()).toISOString().slice(0, 10);
  return csvResponse(csv, `proofline-controls-${day}.csv`);
});
