import { afterEach, describe, expect, it } from "vitest";
import { resetEnvForTests } from "@/lib/env";
import { groupsFromClaim, parseRoleMap, passwordSignInAllowed, roleFromGroups, ssoConfig } from "@/lib/auth/sso-config";

const SAVED = { ...process.env };
afterEach(() => {
  for (const k of Object.keys(process.env))
    if (k.startsWith("OIDC_") || k.startsWith("PASSWORD_")) delete process.env[k];
  Object.assign(
    process.env,
    Object.fromEntries(Object.entries(SAVED).filter(([k]) => k.startsWith("OIDC_") || k.startsWith("PASSWORD_"))),
  );
  resetEnvForTests();
});

describe("OIDC_ROLE_MAP", () => {
  it("parses group:ROLE pairs, the role after the last colon", () => {
    const map = parseRoleMap("proofline-admins:ADMIN, grc:compliance_lead,eng:ENGINEER,/kc/path:sub:AUDITOR,");
    expect([...map]).toEqual([
      ["proofline-admins", "ADMIN"],
      ["grc", "COMPLIANCE_LEAD"],
      ["eng", "ENGINEER"],
      ["/kc/path:sub", "AUDITOR"],
    ]);
  });

  it("refuses a pair without a group or with an unknown role, and a group mapped twice", () => {
    expect(() => parseRoleMap("admins")).toThrow(/not group:ROLE/);
    expect(() => parseRoleMap(":ADMIN")).toThrow(/not group:ROLE/);
    expect(() => parseRoleMap("admins:ROOT")).toThrow(/"ROOT" is not a role/);
    expect(() => parseRoleMap("a:ADMIN,a:ENGINEER")).toThrow(/mapped twice/);
  });

  it("gives the most privileged mapped role, or none", () => {
    const map = parseRoleMap("proofline-admins:ADMIN,grc:COMPLIANCE_LEAD,eng:ENGINEER");
    expect(roleFromGroups(["eng", "grc", "sales"], map)).toBe("COMPLIANCE_LEAD");
    expect(roleFromGroups(["eng", "proofline-admins"], map)).toBe("ADMIN");
    expect(roleFromGroups(["sales"], map)).toBeNull();
    expect(roleFromGroups([], map)).toBeNull();
  });

  it("reads a groups claim sent as a list or as one string, ignoring other values", () => {
    expect(groupsFromClaim(["a", 3, "b", null])).toEqual(["a", "b"]);
    expect(groupsFromClaim("solo")).toEqual(["solo"]);
    expect(groupsFromClaim(undefined)).toEqual([]);
    expect(groupsFromClaim({ a: 1 })).toEqual([]);
  });
});

describe("SSO configuration", () => {
  it("is off with no OIDC_ variable, on with all four, and refused half set", () => {
    expect(ssoConfig()).toBeNull();
    Object.assign(process.env, {
      OIDC_ISSUER: "https://idp.example/",
      OIDC_CLIENT_ID: "id",
      OIDC_CLIENT_SECRET: "s",
      OIDC_ROLE_MAP: "x:ADMIN",
    });
    resetEnvForTests();
    expect(ssoConfig()).toMatchObject({
      issuer: "https://idp.example",
      scopes: "openid email profile groups",
      groupsClaim: "groups",
      displayName: "single sign-on",
    });
    delete process.env.OIDC_CLIENT_SECRET;
    resetEnvForTests();
    expect(() => ssoConfig()).toThrow(/half configured: set OIDC_CLIENT_SECRET/);
  });

  it("PASSWORD_SIGN_IN=off leaves passwords to auditors and the listed break-glass admins", () => {
    expect(passwordSignInAllowed({ email: "eng@x.example", role: "ENGINEER" })).toBe(true);
    Object.assign(process.env, { PASSWORD_SIGN_IN: "off", PASSWORD_BREAK_GLASS_EMAILS: "Root@X.example" });
    resetEnvForTests();
    expect(passwordSignInAllowed({ email: "eng@x.example", role: "ENGINEER" })).toBe(false);
    expect(passwordSignInAllowed({ email: "root@x.example", role: "ADMIN" })).toBe(true);
    expect(passwordSignInAllowed({ email: "root@x.example", role: "ENGINEER" })).toBe(false);
    expect(passwordSignInAllowed({ email: "other@x.example", role: "ADMIN" })).toBe(false);
    expect(passwordSignInAllowed({ email: "cpa@firm.example", role: "AUDITOR" })).toBe(true);
  });
});
