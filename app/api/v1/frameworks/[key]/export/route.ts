import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { exportFramework } from "@/lib/catalogue/export-framework";
import { ZFrameworkKey } from "@/lib/schemas/catalogue";
import { downloadResponse } from "@/lib/core/http/download";

export const GET = defineRoute(
  { auth: "session", permission: "framework:read", params: z.strictObject({ key: ZFrameworkKey }) },
  async ({ ctx, params }) => {
    const file = await exportFramework({ ctx, key: params.key });
    return downloadResponse(`${JSON.stringify(file, null, 2)}\n`, {
      filename: `${file.key}.framework.json`,
      contentType: "application/json; charset=utf-8",
    });
  },
);
