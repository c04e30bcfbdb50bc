import { defineRoute } from "@/lib/api/handler";
import { requestNow } from "@/lib/clock";
import { revokeGrant } from "@/lib/audits/revoke-grant";
import { ZGrantParams } from "@/lib/schemas/audit";

/** Revokes the grant (kept for the record with its revocation time). */
export const DELETE = defineRoute(
  { auth: "session", permission: "audit:manage", params: ZGrantParams },
  async ({ ctx, params }) =>
    revokeGrant({ ctx, auditId: params.auditId, grantId: params.grantId, now: await requestNow() }),
);
