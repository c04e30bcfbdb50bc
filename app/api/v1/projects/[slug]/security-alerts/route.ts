import { z } from "zod";
import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { getAlertDashboard } from "@/lib/vulnerabilities/get-alert-dashboard";

const params = z.strictObject({ slug: z.string().min(1).max(100) });

export const GET = defineRoute(
  { auth: "session-or-token", permission: "evidence:read", params },
  async ({ ctx, params }) => getAlertDashboard({ ctx, projectSlug: params.slug, now: await requestNow() }),
);
