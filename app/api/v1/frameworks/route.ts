import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";
import { requestNow } from "@/lib/clock";
import { listFrameworks } from "@/lib/catalogue/list-frameworks";
import { importFramework } from "@/lib/catalogue/import-framework";

export const GET = defineRoute({ auth: "session", permission: "framework:read" }, async ({ ctx }) => ({
  items: await listFrameworks({ ctx }),
}));

// The body is a framework file (docs/catalogues.md); importFramework validates it and names every problem by its path.
export const POST = defineRoute(
  { auth: "session", permission: "framework:manage", body: z.unknown(), bodyLimitBytes: 4 * 1024 * 1024 },
  async ({ ctx, body }) => {
    const result = await importFramework({ ctx, file: body, now: await requestNow() });
    return jsonResponse(result, { status: result.created ? 201 : 200 });
  },
);
