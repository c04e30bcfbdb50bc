import { describe, expect, it } from "vitest";
import { PERMISSIONS, ROLE_PERMISSIONS, roleCan } from "@/lib/auth/permissions";
import { assertCan, assertHolds, can, holds } from "@/lib/auth/actor";
import { ForbiddenError } from "@/lib/errors";

const user = (role: "ADMIN" | "COMPLIANCE_LEAD" | "ENGINEER" | "AUDITOR") => ({
  kind: "user" as const,
  user: { id: "u", email: "u@x.test", name: "U", role },
});

describe("permission table", () => {
  it("lists only known permissions for every role", () => {
    for (const perms of Object.values(ROLE_PERMISSIONS)) for (const p of perms) expect(PERMISSIONS).toContain(p);
  });
  it("denies unknown roles and missing roles everything", () => {
    for (const p of PERMISSIONS) {
      expect(roleCan("SUPERUSER", p)).toBe(false);
      expect(roleCan(undefined, p)).toBe(false);
    }
  });
  it("keeps auditors away from every project write", () => {
    // The audit workspace (requests, samples, packets) is the auditor's to write in; nothing else is.
    const auditWorkspace = ["request:raise", "population:create", "packet:build"];
    const writes = PERMISSIONS.filter(
      (p) =>
        /:(create|update|archive|manage|write|import|applicability|exercise|snapshot|answer|review)$/.test(p) &&
        !auditWorkspace.includes(p),
    );
    expect(writes.length).toBeGreaterThan(10);
    for (const p of writes) expect(roleCan("AUDITOR", p)).toBe(false);
  });
  it("gives user management to admins only", () => {
    expect(roleCan("ADMIN", "user:manage")).toBe(true);
    for (const r of ["COMPLIANCE_LEAD", "ENGINEER", "AUDITOR"]) expect(roleCan(r, "user:manage")).toBe(false);
  });
  it("lets leads but not engineers create projects", () => {
    expect(can(user("COMPLIANCE_LEAD"), "project:create")).toBe(true);
    expect(can(user("ENGINEER"), "project:create")).toBe(false);
    expect(() => assertCan(user("ENGINEER"), "project:create")).toThrow(ForbiddenError);
    expect(() => assertCan(user("ENGINEER"), "project:create")).toThrow(/Engineer/);
  });
  it("confines a token to its scopes and its project", () => {
    const token = {
      kind: "token" as const,
      token: { id: "t", name: "ci", projectId: "p1", scopes: ["evidence:write"] },
    };
    expect(can(token, "evidence:write", { projectId: "p1" })).toBe(true);
    expect(can(token, "evidence:write", { projectId: "p2" })).toBe(false);
    expect(can(token, "project:read", { projectId: "p1" })).toBe(false);
    expect(() => assertCan(token, "evidence:write", { projectId: "p2" })).toThrow(/another project/);
  });
  it("refuses a token checked for a project-scoped permission without a project", () => {
    // Before: a missing project meant "any project", so a code path that forgot the project let a
    // project A token act on everything its scope names.
    const token = {
      kind: "token" as const,
      token: { id: "t", name: "ci", projectId: "p1", scopes: ["evidence:read", "readiness:read"] },
    };
    expect(can(token, "evidence:read")).toBe(false);
    expect(can(token, "readiness:read", {})).toBe(false);
    expect(can(token, "readiness:read", { projectId: undefined })).toBe(false);
    expect(() => assertCan(token, "evidence:read")).toThrow(/only inside its own project/);
    expect(can(token, "evidence:read", { projectId: "p1" })).toBe(true);
  });
  it("lets the route gate pass a token for a scope it holds, and only for that", () => {
    const token = {
      kind: "token" as const,
      token: { id: "t", name: "ci", projectId: "p1", scopes: ["evidence:write"] },
    };
    expect(holds(token, "evidence:write")).toBe(true);
    expect(holds(token, "evidence:read")).toBe(false);
    expect(() => assertHolds(token, "readiness:read")).toThrow(/not allowed to readiness read/);
    expect(holds(user("ENGINEER"), "runbook:write")).toBe(false);
    expect(holds(user("COMPLIANCE_LEAD"), "runbook:write")).toBe(true);
  });
});

describe("refusal sentences", () => {
  it("read naturally for every permission", () => {
    for (const p of PERMISSIONS) {
      let message = "";
      try {
        assertCan({ kind: "user", user: { id: "u", email: "u@x.test", name: "U", role: "AUDITOR" } }, p);
        continue;
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).toMatch(/^Your role \(Auditor\) does not allow [a-z ]+\.$/);
      expect(message).not.toMatch(/ on |applicability/);
    }
  });
});
