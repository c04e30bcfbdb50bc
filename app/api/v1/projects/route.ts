import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";
import { listProjects } from "@/lib/projects/list-projects";
import { createProject } from "@/lib/projects/create-project";
import { ZProjectCreate } from "@/lib/schemas/project";

export const GET = defineRoute(
  {
    auth: "session",
    permission: "project:read",
    query: z.strictObject({ archived: z.enum(["include", "exclude"]).default("exclude") }),
  },
  async ({ ctx, query }) => ({ items: await listProjects({ ctx, includeArchived: query.archived === "include" }) }),
);

export const POST = defineRoute(
  { auth: "session", permission: "project:create", body: ZProjectCreate },
  async ({ ctx, body }) => jsonResponse(await createProject({ ctx, data: body }), { status: 201 }),
);
