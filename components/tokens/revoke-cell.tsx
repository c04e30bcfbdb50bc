"use client";
import { RowAction, type RowMutation } from "@/components/ui/row-action";

/** The actions cell of a bearer token's row (project or SCIM token): Revoke while it is live; no cell for readers. */
export function RevokeCell({
  token,
  revoke,
  canManage,
}: {
  token: { id: string; name: string; revokedAt: string | null };
  revoke: RowMutation<string>;
  canManage: boolean;
}) {
  if (!canManage) return null;
  return (
    <td>
      {token.revokedAt ? null : (
        <RowAction action={revoke} value={token.id} name={`Revoke ${token.name}`} danger>
          Revoke
        </RowAction>
      )}
    </td>
  );
}
