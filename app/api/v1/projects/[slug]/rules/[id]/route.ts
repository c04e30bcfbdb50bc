import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { deleteRule } from "@/lib/evidence/delete-rule";
import { updateRule } from "@/lib/evidence/update-rule";
import { ZEvidenceRuleUpdate } from "@/lib/schemas/evidence";

const params = z.strictObject({ slug: z.string().min(1).max(100), id: z.string().min(1).max(100) });

export const PATCH = defineRoute(
  { auth: "session", permission: "evidence-rule:manage", params, body: ZEvidenceRuleUpdate },
  async ({ ctx, params, body }) => updateRule({ ctx, projectSlug: params.slug, ruleId: params.id, data: body }),
);

export const DELETE = defineRoute(
  { auth: "session", permission: "evidence-rule:manage", params },
  async ({ ctx, params }) => deleteRule({ ctx, projectSlug: params.slug, ruleId: params.id }),
);
