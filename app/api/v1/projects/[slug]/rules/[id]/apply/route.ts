import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { applyRule } from "@/lib/evidence/apply-rule";

const params = z.strictObject({ slug: z.string().min(1).max(100), id: z.string().min(1).max(100) });

export const POST = defineRoute(
  { auth: "session", permission: "evidence-rule:manage", params },
  async ({ ctx, params }) => applyRule({ ctx, projectSlug: params.slug, ruleId: params.id }),
);
