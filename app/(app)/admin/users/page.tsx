import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { PageHeader } from "@/components/ui/page-header";
import { UsersAdmin } from "@/components/users/users-admin";
import { AccessReviewExport, InviteAuditor, ScimTokens } from "@/components/users/identity-admin";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const ctx = await requirePermission("user:read");
  return (
    <>
      <PageHeader
        title="Users"
        description="Who can sign in, and with which role. Deactivating someone ends their sessions at once."
      />
      <UsersAdmin currentUserId={ctx.user.id} canManage={can(ctx.actor, "user:manage")} />
      <div className="stack">
        <AccessReviewExport />
        {can(ctx.actor, "audit:manage") ? <InviteAuditor /> : null}
        <ScimTokens canManage={can(ctx.actor, "user:manage")} />
      </div>
    </>
  );
}
