import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { setProjectFrameworks } from "@/lib/catalogue/set-project-frameworks";
import { ZProjectFrameworks } from "@/lib/schemas/catalogue";
import { ZProjectSlug } from "@/lib/schemas/project";

// Which frameworks the project is assessed against; its controls are the ones mapped to them.
export const PUT = defineRoute(
  {
    auth: "session",
    permission: "project:update",
    params: z.strictObject({ slug: ZProjectSlug }),
    body: ZProjectFrameworks,
  },
  async ({ ctx, params, body }) =>
    setProjectFrameworks({ ctx, slug: params.slug, data: body, now: await requestNow() }),
);
