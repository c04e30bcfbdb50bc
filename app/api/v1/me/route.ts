import { defineRoute } from "@/lib/api/handler";
import { PERMISSIONS } from "@/lib/auth/permissions";
import { can } from "@/lib/auth/actor";

export const GET = defineRoute({ auth: "session" }, async ({ ctx }) => {
  if (ctx.actor.kind !== "user") return null;
  return { user: ctx.actor.user, permissions: PERMISSIONS.filter((p) => can(ctx.actor, p)) };
});
