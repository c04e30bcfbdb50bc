import type { Role } from "@/generated/prisma/enums";

// Every permission is "resource:action". One table says which roles hold which; anything not listed
// is denied, and an unknown role holds nothing. Every route handler, server action and page asks
// `can` / `assertCan` (lib/auth/access.ts) for the permission it needs.
export const PERMISSIONS = [
  "project:read",
  "project:create",
  "project:update",
  "project:archive",
  "user:read",
  "user:manage",
  "activity:read",
  "framework:read",
  "framework:manage",
  "control:read",
  "control:manage",
  "control:applicability",
  "document:read",
  "document:import",
  "backlog:read",
  "backlog:write",
  "runbook:read",
  "runbook:write",
  "runbook:exercise",
  "evidence:read",
  "evidence:write",
  "evidence-rule:manage",
  "token:read",
  "token:manage",
  "readiness:read",
  "readiness:snapshot",
  "audit:read",
  "audit:manage",
  "request:read",
  "request:raise",
  "request:answer",
  "request:review",
  "population:read",
  "population:create",
  "packet:read",
  "packet:build",
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const READ: Permission[] = [
  "project:read",
  "framework:read",
  "control:read",
  "document:read",
  "backlog:read",
  "runbook:read",
  "evidence:read",
  "readiness:read",
];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  ADMIN: PERMISSIONS,
  COMPLIANCE_LEAD: [
    ...READ,
    "project:create",
    "project:update",
    "project:archive",
    "activity:read",
    "framework:manage",
    "control:manage",
    "control:applicability",
    "document:import",
    "backlog:write",
    "runbook:write",
    "runbook:exercise",
    "evidence:write",
    "evidence-rule:manage",
    "token:read",
    "token:manage",
    "readiness:snapshot",
    "audit:read",
    "audit:manage",
    "request:read",
    "request:answer",
    "request:review",
    "population:read",
    "population:create",
    "packet:read",
    "packet:build",
  ],
  ENGINEER: [
    ...READ,
    "document:import",
    "backlog:write",
    "runbook:exercise",
    "evidence:write",
    "request:read",
    "request:answer",
  ],
  // Read-only on project data. The audit workspace is theirs to work in: raising requests, drawing
  // samples and building packets write only to the audit they are granted (scoped in lib/audits).
  AUDITOR: [
    ...READ,
    "audit:read",
    "request:read",
    "request:raise",
    "population:read",
    "population:create",
    "packet:read",
    "packet:build",
  ],
};

const lookup = new Map<string, ReadonlySet<Permission>>(
  Object.entries(ROLE_PERMISSIONS).map(([role, perms]) => [role, new Set(perms)]),
);

export function roleCan(role: string | null | undefined, permission: Permission): boolean {
  if (!role) return false;
  return lookup.get(role)?.has(permission) ?? false;
}

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: "Admin",
  COMPLIANCE_LEAD: "Compliance lead",
  ENGINEER: "Engineer",
  AUDITOR: "Auditor",
};
