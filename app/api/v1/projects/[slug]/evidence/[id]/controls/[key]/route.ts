import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { unmapEvidenceControl } from "@/lib/evidence/map-evidence-control";

const params = z.strictObject({
  slug: z.string().min(1).max(100),
  id: z.string().min(1).max(100),
  key: z.string().min(1).max(40),
});

export const DELETE = defineRoute({ auth: "session", permission: "evidence:write", params }, async ({ ctx, params }) =>
  unmapEvidenceControl({ ctx, projectSlug: params.slug, evidenceId: params.id, controlKey: params.key }),
);
