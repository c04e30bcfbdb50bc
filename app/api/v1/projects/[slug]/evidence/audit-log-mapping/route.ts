import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { setAuditLogMapping } from "@/lib/evidence/set-audit-log-mapping";
import { ZAuditLogMapping } from "@/lib/schemas/evidence";

const params = z.strictObject({ slug: z.string().min(1).max(100) });

export const PUT = defineRoute(
  { auth: "session", permission: "evidence-rule:manage", params, body: ZAuditLogMapping },
  async ({ ctx, params, body }) => setAuditLogMapping({ ctx, projectSlug: params.slug, mapping: body }),
);
