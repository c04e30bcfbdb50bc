import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { setControlApplicability } from "@/lib/controls/set-control-applicability";
import { ZControlKey } from "@/lib/schemas/catalogue";
import { ZApplicability } from "@/lib/schemas/control";
import { ZProjectSlug } from "@/lib/schemas/project";

export const PUT = defineRoute(
  {
    auth: "session",
    permission: "control:applicability",
    params: z.strictObject({ slug: ZProjectSlug, key: ZControlKey }),
    body: ZApplicability,
  },
  async ({ ctx, params, body }) =>
    setControlApplicability({ ctx, slug: params.slug, key: params.key, data: body, now: await requestNow() }),
);
