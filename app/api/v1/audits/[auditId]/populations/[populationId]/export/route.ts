import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { exportPopulationCsv } from "@/lib/audits/export-population";
import { ZPopulationParams } from "@/lib/schemas/audit";
import { csvResponse } from "@/lib/core/http/csv";

/** Streams every member as CSV (audit-event populations can run to millions of rows). */
export const GET = defineRoute(
  { auth: "session", permission: "population:read", params: ZPopulationParams },
  async ({ ctx, params }) => {
    const csv = await exportPopulationCsv({ ctx, ...params, now: await requestNow() });
    const encoder = new TextEncoder();
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await csv.chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      },
      async cancel() {
        await csv.chunks.return(undefined);
      },
    });
    return csvResponse(stream, csv.filename);
  },
);
