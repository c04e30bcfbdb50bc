import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { getProject } from "@/lib/projects/get-project";
import { updateProject } from "@/lib/projects/update-project";
import { ZProjectUpdate } from "@/lib/schemas/project";

const params = z.strictObject({ slug: z.string().min(1).max(100) });

export const GET = defineRoute({ auth: "session", permission: "project:read", params }, async ({ ctx, params }) =>
  getProject({ ctx, slug: params.slug }),
);

export const PATCH = defineRoute({ auth: "session", params, body: ZProjectUpdate }, async ({ ctx, params, body }) =>
  updateProject({ ctx, slug: params.slug, data: body }),
);
