import type { Role } from "@/generated/prisma/enums";
import type { Tx } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { roleFromGroups } from "@/lib/auth/sso-config";
import { assertKeepsAnAdmin } from "@/lib/scim/resource";

/**
 * After a change to the members of a group in the role map: each affected user's role becomes the most
 * privileged one their groups map to, or the default role (SCIM_DEFAULT_ROLE) when none does. A role
 * change applies on the user's next request (sessions re-read the user) and is recorded.
 */
export async function syncRolesFromGroups(
  tx: Tx,
  ctx: RequestCtx,
  userIds: Iterable<string>,
  roleMap: ReadonlyMap<string, Role>,
  defaultRole: Role,
) {
  for (const userId of new Set(userIds)) {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: {
        id: true,
        role: true,
        active: true,
        scimGroups: { select: { group: { select: { displayName: true } } } },
      },
    });
    if (!user) continue;
    const groups = user.scimGroups.map((m) => m.group.displayName);
    const role = roleFromGroups(groups, roleMap) ?? defaultRole;
    if (role === user.role) continue;
    await assertKeepsAnAdmin(tx, user, { role, active: user.active });
    await tx.user.update({ where: { id: user.id }, data: { role } });
    await recordActivity(tx, {
      ctx,
      action: "user.update",
      entityType: "User",
      entityId: user.id,
      summary: { before: { role: user.role }, after: { role }, via: "scim", groups: groups.slice(0, 50) },
    });
  }
}
