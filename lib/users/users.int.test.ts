import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { createUser } from "@/lib/users/create-user";
import { updateUser } from "@/lib/users/update-user";
import { userForSession } from "@/lib/auth/session";
import { verifyPassword } from "@/lib/auth/password";
import { ConflictError, ForbiddenError, InvalidInputError } from "@/lib/errors";
import { ctxOf, makeUser, uniq } from "@/tests/factories";

describe("users", () => {
  it("creates a user with a salted slow hash, never storing or logging the password", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const email = `${uniq("new")}@example.test`;
    const user = await createUser({
      ctx: ctxOf(admin),
      data: { email, name: "New Person", role: "ENGINEER", password: "a-long-password" },
    });
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword("a-long-password", row.passwordHash)).toBe(true);
    expect(await verifyPassword("wrong-password", row.passwordHash)).toBe(false);
    const event = await prisma.activityEvent.findFirstOrThrow({ where: { entityId: user.id, action: "user.create" } });
    expect(JSON.stringify(event.summary)).not.toContain("a-long-password");
  });

  it("refuses a duplicate email and a short password, writing nothing", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const existing = await makeUser();
    const before = await prisma.user.count();
    await expect(
      createUser({
        ctx: ctxOf(admin),
        data: { email: existing.email.toUpperCase(), name: "Dup", role: "ENGINEER", password: "long-enough-1" },
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    await expect(
      createUser({
        ctx: ctxOf(admin),
        data: { email: `${uniq("x")}@example.test`, name: "Short", role: "ENGINEER", password: "short" },
      }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    expect(await prisma.user.count()).toBe(before);
  });

  it("lets only admins manage users", async () => {
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const target = await makeUser();
    await expect(updateUser({ ctx: ctxOf(lead), userId: target.id, data: { role: "ADMIN" } })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect((await prisma.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe("ENGINEER");
  });

  it("ends a deactivated user's existing sessions, and reactivation does not revive them", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const target = await makeUser();
    expect(await userForSession(target.id, 0)).not.toBeNull();
    await updateUser({ ctx: ctxOf(admin), userId: target.id, data: { active: false } });
    expect(await userForSession(target.id, 0)).toBeNull();
    await updateUser({ ctx: ctxOf(admin), userId: target.id, data: { active: true } });
    expect(await userForSession(target.id, 0)).toBeNull();
    expect(await userForSession(target.id, 1)).not.toBeNull();
    const actions = (
      await prisma.activityEvent.findMany({ where: { entityId: target.id }, orderBy: { id: "asc" } })
    ).map((e) => e.action);
    expect(actions).toEqual(["user.deactivate", "user.reactivate"]);
  });

  it("applies a role change on the next request", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const target = await makeUser({ role: "ENGINEER" });
    await updateUser({ ctx: ctxOf(admin), userId: target.id, data: { role: "COMPLIANCE_LEAD" } });
    expect((await userForSession(target.id, 0))?.role).toBe("COMPLIANCE_LEAD");
  });

  describe("the last admin", () => {
    it("cannot be demoted or deactivated", async () => {
      await prisma.user.updateMany({ where: { role: "ADMIN" }, data: { active: false } });
      const admin = await makeUser({ role: "ADMIN" });
      await expect(updateUser({ ctx: ctxOf(admin), userId: admin.id, data: { role: "ENGINEER" } })).rejects.toThrow(
        ConflictError,
      );
      await expect(updateUser({ ctx: ctxOf(admin), userId: admin.id, data: { active: false } })).rejects.toThrow(
        /last active admin/,
      );
      expect(await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({
        role: "ADMIN",
        active: true,
      });
      // With a second admin, the first may step down.
      const second = await makeUser({ role: "ADMIN" });
      await updateUser({ ctx: ctxOf(second), userId: admin.id, data: { role: "ENGINEER" } });
      expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ENGINEER");
    });

    it("survives two admins demoting each other at the same moment", async () => {
      await prisma.user.updateMany({ where: { role: "ADMIN" }, data: { active: false } });
      const a = await makeUser({ role: "ADMIN" });
      const b = await makeUser({ role: "ADMIN" });
      const results = await Promise.allSettled([
        updateUser({ ctx: ctxOf(a), userId: b.id, data: { role: "ENGINEER" } }),
        updateUser({ ctx: ctxOf(b), userId: a.id, data: { role: "ENGINEER" } }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await prisma.user.count({ where: { role: "ADMIN", active: true } })).toBe(1);
    });
  });
});
