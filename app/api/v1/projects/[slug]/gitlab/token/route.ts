import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";
import { setGitlabToken } from "@/lib/evidence/set-gitlab-token";

const params = z.strictObject({ slug: z.string().min(1).max(100) });

export const POST = defineRoute({ auth: "session", permission: "token:manage", params }, async ({ ctx, params }) =>
  jsonResponse(await setGitlabToken({ ctx, projectSlug: params.slug }), { headers: { "cache-control": "no-store" } }),
);
