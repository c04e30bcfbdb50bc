import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { listControls } from "@/lib/controls/list-controls";
import { ZControlListQuery } from "@/lib/schemas/control";
import { ZProjectSlug } from "@/lib/schemas/project";

// The controls that apply to a project's frameworks, each with its applicability in the project.
export const GET = defineRoute(
  {
    auth: "session",
    permission: "control:read",
    params: z.strictObject({ slug: ZProjectSlug }),
    query: ZControlListQuery.omit({ project: true }),
  },
  async ({ ctx, params, query }) => listControls({ ctx, query: { ...query, project: params.slug } }),
);
