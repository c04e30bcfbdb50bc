import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { authorizeSignIn, SignInRefused } from "@/lib/auth/authorize-sign-in";
import { oidcSignIn } from "@/lib/auth/oidc-sign-in";
import { parseRoleMap } from "@/lib/auth/sso-config";
import { userForSession } from "@/lib/auth/session";
import { hashLinkToken } from "@/lib/auth/one-time-link";
import { inviteAuditor } from "@/lib/users/invite-auditor";
import { setPasswordWithLink } from "@/lib/users/set-password-with-link";
import { ConflictError, InvalidInputError } from "@/lib/errors";
import { ctxOf, makeAudit, makeProject, makeUser, uniq } from "@/tests/factories";

const ISSUER = "https://idp.example.test";
const roleMap = parseRoleMap("proofline-admins:ADMIN,grc:COMPLIANCE_LEAD,eng:ENGINEER");
const headers = { "x-forwarded-for": "203.0.113.9" };

afterEach(() => {
  delete process.env.PASSWORD_SIGN_IN;
  delete process.env.PASSWORD_BREAK_GLASS_EMAILS;
  resetEnvForTests();
});

async function refusal(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  return err instanceof SignInRefused ? err.code : err;
}

describe("OIDC sign-in (the provider's claims already verified)", () => {
  it("creates the user just in time with the role of their groups, and follows group changes at each sign-in", async () => {
    const sub = uniq("sub");
    const email = `${uniq("kim")}@corp.example`;
    const first = await oidcSignIn({
      issuer: ISSUER,
      claims: { sub, email, name: "Kim Lee" },
      groups: ["eng", "unrelated"],
      roleMap,
    });
    const row = await prisma.user.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({
      email,
      name: "Kim Lee",
      role: "ENGINEER",
      source: "oidc",
      oidcSubject: `${ISSUER}|${sub}`,
      passwordHash: "",
    });
    const second = await oidcSignIn({
      issuer: ISSUER,
      claims: { sub, email, name: "Kim Lee" },
      groups: ["eng", "grc"],
      roleMap,
    });
    expect(second.id).toBe(first.id);
    expect((await userForSession(first.id, second.sv))?.role).toBe("COMPLIANCE_LEAD");
    const actions = (
      await prisma.activityEvent.findMany({ where: { entityId: first.id }, orderBy: { id: "asc" } })
    ).map((e) => e.action);
    expect(actions).toEqual(["user.create", "user.sign_in", "user.update", "user.sign_in"]);
  });

  it("refuses, and deactivates, someone the provider no longer puts in a mapped group; a deactivated account stays refused", async () => {
    const sub = uniq("sub");
    const email = `${uniq("max")}@corp.example`;
    const u = await oidcSignIn({ issuer: ISSUER, claims: { sub, email }, groups: ["grc"], roleMap });
    expect(await refusal(oidcSignIn({ issuer: ISSUER, claims: { sub, email }, groups: ["marketing"], roleMap }))).toBe(
      "SsoNoRole",
    );
    expect(await prisma.user.findUniqueOrThrow({ where: { id: u.id } })).toMatchObject({
      active: false,
      sessionVersion: u.sv + 1,
    });
    expect(await userForSession(u.id, u.sv)).toBeNull();
    expect(await refusal(oidcSignIn({ issuer: ISSUER, claims: { sub, email }, groups: ["grc"], roleMap }))).toBe(
      "AccountDeactivated",
    );
    // Nobody new is made without a mapped group.
    const stranger = `${uniq("nobody")}@corp.example`;
    expect(
      await refusal(oidcSignIn({ issuer: ISSUER, claims: { sub: uniq("sub"), email: stranger }, groups: [], roleMap })),
    ).toBe("SsoNoRole");
    expect(await prisma.user.count({ where: { email: stranger } })).toBe(0);
  });

  it("links an existing password account by a verified email, but never one linked to another subject", async () => {
    const existing = await makeUser({ role: "ENGINEER" });
    const linked = await oidcSignIn({
      issuer: ISSUER,
      claims: { sub: uniq("sub"), email: existing.email, email_verified: true },
      groups: ["proofline-admins"],
      roleMap,
    });
    expect(linked.id).toBe(existing.id);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: existing.id } })).role).toBe("ADMIN");
    expect(
      await refusal(
        oidcSignIn({ issuer: ISSUER, claims: { sub: uniq("other"), email: existing.email }, groups: ["eng"], roleMap }),
      ),
    ).toBe("SsoAccountConflict");
    const unverified = await makeUser();
    expect(
      await refusal(
        oidcSignIn({
          issuer: ISSUER,
          claims: { sub: uniq("sub"), email: unverified.email, email_verified: false },
          groups: ["eng"],
          roleMap,
        }),
      ),
    ).toBe("SsoAccountConflict");
  });
});

describe("PASSWORD_SIGN_IN=off", () => {
  it("keeps passwords for auditors and the break-glass admin only", async () => {
    const breakGlass = await makeUser({ role: "ADMIN" });
    const otherAdmin = await makeUser({ role: "ADMIN" });
    const engineer = await makeUser({ role: "ENGINEER" });
    const auditor = await makeUser({ role: "AUDITOR" });
    process.env.PASSWORD_SIGN_IN = "off";
    process.env.PASSWORD_BREAK_GLASS_EMAILS = ` ${breakGlass.email.toUpperCase()} , someone@else.example`;
    resetEnvForTests();
    const signIn = (u: { email: string; password: string }) =>
      authorizeSignIn({ email: u.email, password: u.password, headers });
    expect((await signIn(breakGlass))?.id).toBe(breakGlass.id);
    expect((await signIn(auditor))?.id).toBe(auditor.id);
    expect(await refusal(signIn(otherAdmin))).toBe("PasswordSignInOff");
    expect(await refusal(signIn(engineer))).toBe("PasswordSignInOff");
    // A wrong password is still just wrong (the switch tells nothing before the password is right).
    expect(await signIn({ email: engineer.email, password: "not-the-password" })).toBeNull();
  });
});

describe("auditor invitations", () => {
  it("invite by email: account, grant and a one-time link (hashed at rest) that sets the password once", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const project = await makeProject();
    const audit = await makeAudit({ lead, projectIds: [project.id] });
    const now = new Date();
    const email = `${uniq("auditor")}@cpa-firm.example`;
    const until = new Date(now.getTime() + 30 * 86400_000).toISOString().slice(0, 10);
    const invited = await inviteAuditor({
      ctx: ctxOf(lead),
      data: { auditId: audit.id, email, name: "Pat Auditor", expiresAt: until },
      now,
      origin: "https://proofline.example",
    });
    expect(invited.link).toMatch(/^https:\/\/proofline\.example\/signin\?invite=[\w-]{43}$/);
    const token = new URL(invited.link!).searchParams.get("invite")!;
    const stored = await prisma.oneTimeLink.findFirstOrThrow({ where: { userId: invited.userId } });
    expect(stored.tokenHash).toBe(hashLinkToken(token));
    expect(
      JSON.stringify(
        (await prisma.activityEvent.findMany({ where: { entityId: invited.userId }, select: { summary: true } })).map(
          (e) => e.summary,
        ),
      ),
    ).not.toContain(token);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: invited.userId } })).toMatchObject({
      role: "AUDITOR",
      passwordHash: "",
      source: "invitation",
    });
    expect(
      await prisma.auditorGrant.count({ where: { userId: invited.userId, auditId: audit.id, revokedAt: null } }),
    ).toBe(1);
    // Before the link is used, no password works.
    expect(await authorizeSignIn({ email, password: "", headers }).catch(() => null)).toBeNull();

    await expect(setPasswordWithLink({ data: { token, password: "short" }, now })).rejects.toBeInstanceOf(
      InvalidInputError,
    );
    await setPasswordWithLink({ data: { token, password: "Ledger-Tick-Mark-2026" }, now });
    expect((await authorizeSignIn({ email, password: "Ledger-Tick-Mark-2026", headers }))?.id).toBe(invited.userId);
    // Once only.
    const again = await setPasswordWithLink({ data: { token, password: "Another-Long-Pass-99" }, now }).catch(
      (e: unknown) => e,
    );
    expect(again).toBeInstanceOf(InvalidInputError);
    expect(await authorizeSignIn({ email, password: "Another-Long-Pass-99", headers })).toBeNull();
  });

  it("expires, refuses colleagues' addresses, and needs audit:manage", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const engineer = await makeUser({ role: "ENGINEER" });
    const audit = await makeAudit({ lead, projectIds: [(await makeProject()).id] });
    const now = new Date();
    const until = new Date(now.getTime() + 5 * 86400_000).toISOString().slice(0, 10);
    await expect(
      inviteAuditor({
        ctx: ctxOf(lead),
        data: { auditId: audit.id, email: engineer.email, name: "X", expiresAt: until },
        now,
        origin: "http://x",
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      inviteAuditor({
        ctx: ctxOf(engineer),
        data: { auditId: audit.id, email: `${uniq("a")}@x.example`, name: "X", expiresAt: until },
        now,
        origin: "http://x",
      }),
    ).rejects.toThrow(/role/);
    const invited = await inviteAuditor({
      ctx: ctxOf(lead),
      data: { auditId: audit.id, email: `${uniq("late")}@x.example`, name: "Late", expiresAt: until },
      now,
      origin: "http://x",
    });
    const token = new URL(invited.link!).searchParams.get("invite")!;
    const later = new Date(now.getTime() + 73 * 3600_000);
    await expect(
      setPasswordWithLink({ data: { token, password: "Ledger-Tick-Mark-2026" }, now: later }),
    ).rejects.toThrow(/expired/);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: invited.userId } })).passwordHash).toBe("");
  });
});
