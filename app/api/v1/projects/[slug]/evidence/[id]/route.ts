import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { getEvidence } from "@/lib/evidence/get-evidence";

const params = z.strictObject({ slug: z.string().min(1).max(100), id: z.string().min(1).max(100) });

export const GET = defineRoute(
  { auth: "session-or-token", permission: "evidence:read", params },
  async ({ ctx, params }) => getEvidence({ ctx, projectSlug: params.slug, evidenceId: params.id }),
);
