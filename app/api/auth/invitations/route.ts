import { defineRoute } from "@/lib/api/handler";
import { jsonResponse } from "@/lib/core/http/json";
import { requestNow } from "@/lib/clock";
import { env } from "@/lib/env";
import { ZAuditorInvite } from "@/lib/schemas/identity";
import { inviteAuditor } from "@/lib/users/invite-auditor";

// POST /api/auth/invitations { auditId, email, name, expiresAt }: invites an outside auditor to an audit;
// the answer carries the one-time set-password link (shown once; there is no mail server).
export const POST = defineRoute(
  { auth: "session", permission: "audit:manage", body: ZAuditorInvite },
  async ({ ctx, body, req }) =>
    jsonResponse(
      await inviteAuditor({
        ctx,
        data: body,
        now: await requestNow(),
        origin: env().NEXTAUTH_URL ?? req.nextUrl.origin,
      }),
      { status: 201 },
    ),
);
