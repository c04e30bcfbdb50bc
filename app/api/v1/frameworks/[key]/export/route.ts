import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { exportFramework } from "@/lib/catalogue/export-framework";
import { ZFrameworkKey } from "@/lib/schemas/catalogue";

export const GET = defineRoute({ auth: "session", permission: "framework:read", params: z.strictObject({ key: ZFrameworkKey }) }, async ({ ctx, params }) => {
  const file = await exportFramework({ ctx, key: params.key });
  return new Response(`${JSON.stringify(file, null, 2)}\n`, {
    headers: { "content-type": "application/json; charset=utf-8", "content-disposition": `attachment; filename="${file.key}.framework.json"` },
  });
});

