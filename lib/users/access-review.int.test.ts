import { describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { prisma } from "@/lib/db";
import { accessReviewRows, exportUserAccessReview, userAccessReviewCsv } from "@/lib/users/access-review";
import { updateUser } from "@/lib/users/update-user";
import { ForbiddenError } from "@/lib/errors";
import { ctxOf, makeUser, uniq } from "@/tests/factories";

describe("user access review", () => {
  it("says who had which role, and since when, as of any moment; the history cannot be rewritten by the app", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const person = await makeUser({ role: "ENGINEER", name: '=HYPERLINK("x")' });
    const t0 = new Date();
    await new Promise((r) => setTimeout(r, 20));
    await updateUser({ ctx: ctxOf(admin), userId: person.id, data: { role: "COMPLIANCE_LEAD" } });
    const t1 = new Date();
    await new Promise((r) => setTimeout(r, 20));
    await updateUser({ ctx: ctxOf(admin), userId: person.id, data: { active: false } });
    const t2 = new Date();

    const at = async (d: Date) => (await accessReviewRows(d)).find((r) => r.userId === person.id);
    const created = (await prisma.user.findUniqueOrThrow({ where: { id: person.id } })).createdAt;
    expect(await at(t0)).toMatchObject({ role: "ENGINEER", since: created });
    const promoted = await at(t1);
    expect(promoted?.role).toBe("COMPLIANCE_LEAD");
    expect(promoted!.since.getTime()).toBeGreaterThan(t0.getTime());
    expect(promoted!.since.getTime()).toBeLessThanOrEqual(t1.getTime());
    expect(await at(t2)).toBeUndefined();
    expect(await at(new Date(created.getTime() - 1000))).toBeUndefined();

    // The app's database role may add history, never change it.
    await expect(
      prisma.$executeRaw`UPDATE "UserRoleHistory" SET "role" = 'ADMIN' WHERE "userId" = ${person.id}`,
    ).rejects.toThrow(/permission denied/);
  });

  it("exports CSV: CRLF, formula-safe, one row per active account as of the day, recorded in the trail", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    await makeUser({ role: "AUDITOR", email: `${uniq("aud")}@x.example`, name: "+cmd|' /C calc'!A0" });
    const today = new Date().toISOString().slice(0, 10);
    const out = await exportUserAccessReview({ ctx: ctxOf(admin), asOf: today, now: new Date() });
    expect(out.filename).toBe(`user-access-review-${today}.csv`);
    expect(out.csv.split("\r\n")[0]).toBe("as_of,email,name,role,role_label,role_since,account_source,sign_in");
    expect(out.csv).not.toMatch(/[^\r]\n/);
    const records = parse(out.csv, { columns: true }) as Array<Record<string, string>>;
    expect(records.length).toBe(await prisma.user.count({ where: { active: true } }));
    expect(records.length).toBe(out.rows);
    const injected = records.find((r) => r.name.includes("calc"));
    expect(injected?.name.startsWith("'+")).toBe(true);
    expect(records.find((r) => r.email === admin.email)).toMatchObject({
      role: "ADMIN",
      role_label: "Admin",
      sign_in: "password",
      as_of: today,
    });
    expect(await userAccessReviewCsv(today)).toMatchObject({ csv: out.csv });
    expect(await prisma.activityEvent.count({ where: { action: "user.access_review_export" } })).toBe(1);
    await expect(
      exportUserAccessReview({ ctx: ctxOf(await makeUser({ role: "COMPLIANCE_LEAD" })), now: new Date() }),
    ).rejects.toBeInstanceOf(ForbiddenError);
  });
});
