import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { mapEvidenceControl } from "@/lib/evidence/map-evidence-control";

const params = z.strictObject({ slug: z.string().min(1).max(100), id: z.string().min(1).max(100) });
const body = z.strictObject({ control: z.string().trim().min(1, "Choose a control").max(40) });

export const POST = defineRoute(
  { auth: "session", permission: "evidence:write", params, body },
  async ({ ctx, params, body }) =>
    mapEvidenceControl({ ctx, projectSlug: params.slug, evidenceId: params.id, controlKey: body.control }),
);
