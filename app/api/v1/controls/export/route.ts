import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { exportControlsCsv } from "@/lib/controls/export-controls-csv";

const query = z.strictObject({ archived: z.enum(["include", "exclude"]).default("include") });

export const GET = defineRoute({ auth: "session", permission: "control:read", query }, async ({ ctx, query }) => {
  const csv = await exportControlsCsv({ ctx, includeArchived: query.archived === "include" });
  const day = (await requestNow()).toISOString().slice(0, 10);
  return new Response(csv, {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="proofline-controls-${day}.csv"` },
  });
});
