import type { Role } from "@/generated/prisma/enums";
import { prisma } from "@/lib/db";
import { userCtx, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { roleFromGroups } from "@/lib/auth/sso-config";
import { SIGN_IN_ERRORS, SignInRefused } from "@/lib/auth/authorize-sign-in";

export interface OidcSignInOptions {
  issuer: string;
  /** The ID token's claims (signature, issuer, audience, expiry and nonce already checked by next-auth). */
  claims: { sub: string; email?: unknown; email_verified?: unknown; name?: unknown; preferred_username?: unknown };
  groups: readonly string[];
  roleMap: ReadonlyMap<string, Role>;
  requestId?: string;
}

const USER_FIELDS = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  sessionVersion: true,
  oidcSubject: true,
} as const;

/**
 * A person the OpenID Provider has just authenticated. Their role comes from the groups claim through
 * the role map, at every sign-in, so a group changed at the provider changes the role at the next one.
 * Someone new is created on the spot ("just in time"); someone known by email but not yet by subject is
 * linked to the provider. Refused: a deactivated account (only an admin or SCIM reactivates), and anyone
 * whose groups map to no role. The latter is the provider saying "no longer one of ours": an active
 * account is deactivated then and there, ending its sessions.
 */
export async function oidcSignIn({ issuer, claims, groups, roleMap, requestId }: OidcSignInOptions) {
  const subject = `${issuer}|${claims.sub}`;
  const email = typeof claims.email === "string" ? claims.email.trim().toLowerCase() : "";
  const nameClaim =
    typeof claims.name === "string" && claims.name.trim()
      ? claims.name.trim()
      : typeof claims.preferred_username === "string"
        ? claims.preferred_username
        : "";
  const role = roleFromGroups(groups, roleMap);
  const provider: RequestCtx = { actor: { kind: "system", label: `oidc:${new URL(issuer).host}` }, requestId };

  const outcome = await prisma.$transaction(async (tx) => {
    let user = await tx.user.findUnique({ where: { oidcSubject: subject }, select: USER_FIELDS });
    if (!user && email) {
      // Linking by email needs an address the provider vouches for, and an account not tied to another subject.
      const byEmail = await tx.user.findUnique({ where: { email }, select: USER_FIELDS });
      if (byEmail && (byEmail.oidcSubject || claims.email_verified === false))
        return { refused: SIGN_IN_ERRORS.ssoConflict } as const;
      user = byEmail;
    }
    if (user && !user.active) return { refused: SIGN_IN_ERRORS.deactivated } as const;
    if (!role) {
      if (user) {
        await tx.user.update({ where: { id: user.id }, data: { active: false, sessionVersion: { increment: 1 } } });
        await recordActivity(tx, {
          ctx: provider,
          action: "user.deactivate",
          entityType: "User",
          entityId: user.id,
          summary: {
            before: { active: true },
            after: { active: false },
            via: "oidc",
            reason: "no group of theirs maps to a Proofline role",
            sessionsRevoked: true,
          },
        });
      }
      return { refused: SIGN_IN_ERRORS.ssoNoRole } as const;
    }
    if (!user) {
      if (!email) return { refused: SIGN_IN_ERRORS.ssoNoEmail } as const;
      const created = await tx.user.create({
        data: { email, name: nameClaim || email, role, passwordHash: "", source: "oidc", oidcSubject: subject },
        select: USER_FIELDS,
      });
      await recordActivity(tx, {
        ctx: provider,
        action: "user.create",
        entityType: "User",
        entityId: created.id,
        summary: { after: { email, name: created.name, role }, via: "oidc", groups: [...groups].slice(0, 50) },
      });
      user = created;
    } else if (user.role !== role || user.oidcSubject !== subject || (nameClaim && nameClaim !== user.name)) {
      const before = { role: user.role, name: user.name, linked: Boolean(user.oidcSubject) };
      user = await tx.user.update({
        where: { id: user.id },
        data: { role, oidcSubject: subject, name: nameClaim || undefined },
        select: USER_FIELDS,
      });
      await recordActivity(tx, {
        ctx: provider,
        action: "user.update",
        entityType: "User",
        entityId: user.id,
        summary: { before, after: { role: user.role, name: user.name, linked: true }, via: "oidc" },
      });
    }
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    await recordActivity(tx, {
      ctx: userCtx(user, requestId),
      action: "user.sign_in",
      entityType: "User",
      entityId: user.id,
      summary: { via: "oidc" },
    });
    return { user } as const;
  });
  if (!("user" in outcome) || !outcome.user) throw new SignInRefused(outcome.refused ?? SIGN_IN_ERRORS.ssoNoRole);
  const u = outcome.user;
  return { id: u.id, email: u.email, name: u.name, sv: u.sessionVersion };
}
