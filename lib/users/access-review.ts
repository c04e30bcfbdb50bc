import type { Role } from "@/generated/prisma/enums";
import { prisma } from "@/lib/db";
import { assertCan, type RequestCtx } from "@/lib/auth/actor";
import { ROLE_LABELS } from "@/lib/auth/permissions";
import { recordActivity } from "@/lib/activity/record-activity";
import { toCsv } from "@/lib/core/http/csv";

// The user access review (SOC 2 CC6.2, CC6.3): who had access on a given day, with which role, and
// since when. It reads "UserRoleHistory", which a trigger on "User" fills on every creation and every
// change of role or active flag (prisma/migrations/…_sso_scim_identity), so no path escapes it.

export interface AccessReviewRow {
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** When the user got this role (or was last activated with it). */
  since: Date;
  /** "password", "oidc", "scim" or "invitation": how the account came to exist. */
  source: string;
  signIn: "single sign-on" | "password";
}

/** End of the day `asOf` (YYYY-MM-DD) in UTC; the review covers every change up to then. */
export function endOfDay(asOf: string): Date {
  return new Date(`${asOf}T23:59:59.999Z`);
}

/** The active accounts at `at`, each with its role then and since when; ordered by role, then email. */
export async function accessReviewRows(at: Date): Promise<AccessReviewRow[]> {
  const rows = await prisma.$queryRaw<
    Array<{
      userId: string;
      role: Role;
      validFrom: Date;
      email: string;
      name: string;
      source: string;
      oidcSubject: string | null;
      passwordHash: string;
    }>
  >`
    SELECT h."userId", h."role"::text AS "role", (h."validFrom" AT TIME ZONE 'UTC') AS "validFrom", u."email", u."name", u."source", u."oidcSubject", u."passwordHash"
      FROM (
        SELECT DISTINCT ON ("userId") "userId", "role", "active", "validFrom"
          FROM "UserRoleHistory"
         WHERE "validFrom" <= (${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')
         ORDER BY "userId", "validFrom" DESC, "id" DESC
      ) h
      JOIN "User" u ON u."id" = h."userId"
     WHERE h."active"`;
  const order: Role[] = ["ADMIN", "COMPLIANCE_LEAD", "ENGINEER", "AUDITOR"];
  return rows
    .map((r) => ({
      userId: r.userId,
      email: r.email,
      name: r.name,
      role: r.role,
      since: new Date(r.validFrom),
      source: r.source,
      signIn:
        r.oidcSubject || (!r.passwordHash && r.source !== "invitation")
          ? ("single sign-on" as const)
          : ("password" as const),
    }))
    .sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role) || a.email.localeCompare(b.email));
}

export const ACCESS_REVIEW_HEADER = [
  "as_of",
  "email",
  "name",
  "role",
  "role_label",
  "role_since",
  "account_source",
  "sign_in",
];

/**
 * The review as CSV (RFC 4180, CRLF, formula-safe cells, dates in ISO 8601 UTC): the same data always
 * gives the same bytes. For the auditor packet too: call it with the audit window's end day.
 */
export async function userAccessReviewCsv(asOf: string): Promise<{ filename: string; csv: string; rows: number }> {
  const rows = await accessReviewRows(endOfDay(asOf));
  const csv = toCsv(
    ACCESS_REVIEW_HEADER,
    rows.map((r) => [asOf, r.email, r.name, r.role, ROLE_LABELS[r.role], r.since, r.source, r.signIn]),
  );
  return { filename: `user-access-review-${asOf}.csv`, csv, rows: rows.length };
}

export interface ExportUserAccessReviewOptions {
  ctx: RequestCtx;
  /** YYYY-MM-DD; today (UTC) when not given. */
  asOf?: string;
  now: Date;
}

/** Admins (user:read) download the review from the users page; the export is recorded. */
export async function exportUserAccessReview({ ctx, asOf, now }: ExportUserAccessReviewOptions) {
  assertCan(ctx.actor, "user:read");
  const day = asOf ?? now.toISOString().slice(0, 10);
  const out = await userAccessReviewCsv(day);
  await prisma.$transaction((tx) =>
    recordActivity(tx, {
      ctx,
      action: "user.access_review_export",
      entityType: "User",
      entityId: "access-review",
      summary: { asOf: day, rows: out.rows },
    }),
  );
  return out;
}
