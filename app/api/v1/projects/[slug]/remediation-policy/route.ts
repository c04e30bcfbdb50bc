import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { getRemediationPolicy } from "@/lib/vulnerabilities/get-remediation-policy";
import { setRemediationPolicy } from "@/lib/vulnerabilities/set-remediation-policy";
import { ZRemediationPolicy } from "@/lib/schemas/vulnerabilities";

const params = z.strictObject({ slug: z.string().min(1).max(100) });

export const GET = defineRoute({ auth: "session", permission: "project:read", params }, async ({ ctx, params }) =>
  getRemediationPolicy({ ctx, projectSlug: params.slug }),
);

export const PUT = defineRoute(
  { auth: "session", permission: "project:update", params, body: ZRemediationPolicy },
  async ({ ctx, params, body }) => setRemediationPolicy({ ctx, projectSlug: params.slug, policy: body }),
);
