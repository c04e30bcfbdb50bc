import type { Role } from "@/generated/prisma/enums";
import { env } from "@/lib/env";

// Single sign-on settings, from the environment (lib/env.ts). SSO is on when the issuer, the client's
// id and secret and the role map are all set; a half-configured deployment refuses to guess.

export const ROLE_ORDER: readonly Role[] = ["ADMIN", "COMPLIANCE_LEAD", "ENGINEER", "AUDITOR"];

export interface SsoConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  groupsClaim: string;
  roleMap: ReadonlyMap<string, Role>;
  displayName: string;
}

/**
 * Parses `group:ROLE,group:ROLE`. The role is after the last colon, so a group may contain colons (an
 * Entra ID group is sent as its object id, a Keycloak one may be a path). Throws on any malformed pair.
 */
export function parseRoleMap(text: string): Map<string, Role> {
  const map = new Map<string, Role>();
  for (const raw of text.split(",")) {
    const pair = raw.trim();
    if (!pair) continue;
    const colon = pair.lastIndexOf(":");
    const group = pair.slice(0, colon).trim();
    const role = pair
      .slice(colon + 1)
      .trim()
      .toUpperCase();
    if (colon < 1 || !group) throw new Error(`OIDC_ROLE_MAP: "${pair}" is not group:ROLE`);
    if (!(ROLE_ORDER as readonly string[]).includes(role))
      throw new Error(`OIDC_ROLE_MAP: "${role}" is not a role (${ROLE_ORDER.join(", ")})`);
    if (map.has(group) && map.get(group) !== role)
      throw new Error(`OIDC_ROLE_MAP: the group "${group}" is mapped twice`);
    map.set(group, role as Role);
  }
  return map;
}

/** The most privileged role any of the groups maps to, or null when none is in the map. */
export function roleFromGroups(groups: readonly string[], roleMap: ReadonlyMap<string, Role>): Role | null {
  let best: number | null = null;
  for (const g of groups) {
    const role = roleMap.get(g);
    if (!role) continue;
    const rank = ROLE_ORDER.indexOf(role);
    if (best === null || rank < best) best = rank;
  }
  return best === null ? null : ROLE_ORDER[best];
}

/** Groups from a token's claim: an array of strings, or one string (some providers send a single group so). */
export function groupsFromClaim(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (!Array.isArray(value)) return [];
  return value.filter((v): v is string => typeof v === "string").slice(0, 1000);
}

export function ssoConfig(): SsoConfig | null {
  const e = env();
  const parts = {
    OIDC_ISSUER: e.OIDC_ISSUER,
    OIDC_CLIENT_ID: e.OIDC_CLIENT_ID,
    OIDC_CLIENT_SECRET: e.OIDC_CLIENT_SECRET,
    OIDC_ROLE_MAP: e.OIDC_ROLE_MAP,
  };
  const missing = Object.entries(parts)
    .filter(([, v]) => !v)
    .map(([k]) => k);
  if (missing.length === 4) return null;
  if (missing.length)
    throw new Error(`Single sign-on is half configured: set ${missing.join(", ")} too, or unset every OIDC_ variable.`);
  return {
    issuer: e.OIDC_ISSUER!.replace(/\/$/, ""),
    clientId: e.OIDC_CLIENT_ID!,
    clientSecret: e.OIDC_CLIENT_SECRET!,
    scopes: e.OIDC_SCOPES,
    groupsClaim: e.OIDC_GROUPS_CLAIM,
    roleMap: parseRoleMap(e.OIDC_ROLE_MAP!),
    displayName: e.OIDC_DISPLAY_NAME,
  };
}

/** The role map, for SCIM groups (it is the same map whether or not OIDC sign-in is on). */
export function configuredRoleMap(): ReadonlyMap<string, Role> {
  const text = env().OIDC_ROLE_MAP;
  return text ? parseRoleMap(text) : new Map();
}

/**
 * With PASSWORD_SIGN_IN=off, only auditors (people outside the company, who have no account at the
 * identity provider) and the break-glass admins named in PASSWORD_BREAK_GLASS_EMAILS may use a password.
 */
export function passwordSignInAllowed(user: { email: string; role: Role }): boolean {
  const e = env();
  if (e.PASSWORD_SIGN_IN === "on") return true;
  if (user.role === "AUDITOR") return true;
  const breakGlass = e.PASSWORD_BREAK_GLASS_EMAILS.split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  return user.role === "ADMIN" && breakGlass.includes(user.email.toLowerCase());
}
