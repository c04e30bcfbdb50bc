import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";
import { createRule } from "@/lib/evidence/create-rule";
import { listRules } from "@/lib/evidence/list-rules";
import { ZEvidenceRuleInput } from "@/lib/schemas/evidence";

const params = z.strictObject({ slug: z.string().min(1).max(100) });

export const GET = defineRoute({ auth: "session", permission: "evidence:read", params }, async ({ ctx, params }) =>
  listRules({ ctx, projectSlug: params.slug }),
);

export const POST = defineRoute(
  { auth: "session", permission: "evidence-rule:manage", params, body: ZEvidenceRuleInput },
  async ({ ctx, params, body }) =>
    jsonResponse(await createRule({ ctx, projectSlug: params.slug, data: body }), { status: 201 }),
);
