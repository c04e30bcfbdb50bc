import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";
import { requestNow } from "@/lib/clock";
import { recordExercise } from "@/lib/runbooks/record-exercise";
import { ZExerciseCreate } from "@/lib/schemas/runbook";

const params = z.strictObject({ slug: z.string().min(1).max(100), runbookId: z.string().min(1).max(40) });

export const POST = defineRoute(
  { auth: "session-or-token", permission: "runbook:exercise", params, body: ZExerciseCreate },
  async ({ ctx, params, body }) =>
    jsonResponse(
      await recordExercise({
        ctx,
        slug: params.slug,
        runbookId: params.runbookId,
        data: body,
        now: await requestNow(),
      }),
      { status: 201 },
    ),
);
