import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { getFramework } from "@/lib/catalogue/get-framework";
import { ZFrameworkKey, ZFrameworkQuery } from "@/lib/schemas/catalogue";

export const GET = defineRoute(
  {
    auth: "session",
    permission: "framework:read",
    params: z.strictObject({ key: ZFrameworkKey }),
    query: ZFrameworkQuery,
  },
  async ({ ctx, params, query }) => getFramework({ ctx, key: params.key, query }),
);
