// `npm start` and a database named by DATABASE_URL: no known accounts unless --demo is given; the first
// real admin comes from `npm run admin:create`; a server outside the demo refuses demo-password accounts.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, describe, expect, inject, it } from "vitest";
import { createDatabase } from "@/tests/setup/test-server";
import { demoChosen, prepareForStart } from "./prepare";
import { DemoAccountsError, assertNoDemoAccounts, findDemoPasswordAccounts } from "@/lib/auth/demo-accounts";
import { createAdminAccount } from "@/lib/users/create-admin-account";
import { systemCtx } from "@/lib/auth/actor";
import { disconnectDb, prisma } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { ConflictError, InvalidInputError } from "@/lib/errors";

// Each test points the app's client at a database of its own; afterwards, back to this file's database.
const fileUrl = process.env.DATABASE_URL!;
async function backToFileDatabase() {
  await disconnectDb();
  process.env.DATABASE_URL = fileUrl;
  resetEnvForTests();
}
afterEach(backToFileDatabase);
afterAll(backToFileDatabase);

/** A database with nothing in it: no migrations, no tables (as a fresh DATABASE_URL points at). */
const emptyDatabase = () =>
  createDatabase(inject("dbAdminUrl"), `${inject("dbPrefix")}_empty_${randomBytes(4).toString("hex")}`);

async function usersIn(url: string): Promise<Array<{ email: string; role: string }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (
      await client.query<{ email: string; role: string }>(`SELECT email, role::text AS role FROM "User" ORDER BY email`)
    ).rows;
  } finally {
    await client.end();
  }
}

const quiet = () => undefined;

describe("npm start and the demo data", () => {
  it("chooses the demo only on the embedded database or with --demo", () => {
    expect(demoChosen({ embedded: true, argv: [] })).toBe(true);
    expect(demoChosen({ embedded: true, argv: ["--no-demo"] })).toBe(false);
    expect(demoChosen({ embedded: false, argv: [] })).toBe(false);
    expect(demoChosen({ embedded: false, argv: ["--dev"] })).toBe(false);
    expect(demoChosen({ embedded: false, argv: ["--demo"] })).toBe(true);
  });

  it(
    "with DATABASE_URL set, preparing an empty database for npm start creates no account at all",
    { timeout: 120_000 },
    async () => {
      const url = await emptyDatabase();
      const prepared = await prepareForStart({ url, embedded: false, argv: [], log: quiet });
      expect(prepared).toEqual({ demo: false, users: 0 });
      expect(await usersIn(url)).toEqual([]); // before the fix: admin@proofline.test / proofline-demo, and three more
      const projects = await new pg.Client({ connectionString: url });
      await projects.connect();
      expect((await projects.query(`SELECT count(*)::int AS n FROM "Project"`)).rows[0].n).toBe(0);
      await projects.end();
    },
  );

  it(
    "seeds the demo with --demo, and afterwards refuses to start that database without it",
    { timeout: 240_000 },
    async () => {
      const url = await emptyDatabase();
      expect(await prepareForStart({ url, embedded: false, argv: ["--demo"], log: quiet })).toEqual({
        demo: true,
        users: 4,
      });
      const refused = await prepareForStart({ url, embedded: false, argv: [], log: quiet }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(DemoAccountsError);
      expect((refused as DemoAccountsError).emails.sort()).toEqual([
        "admin@proofline.test",
        "auditor@proofline.test",
        "engineer@proofline.test",
        "lead@proofline.test",
      ]);
      expect((refused as Error).message).toMatch(/npm run admin:create/);

      // The production server's own check (instrumentation.ts) says the same, unless the deployment is the demo.
      await expect(assertNoDemoAccounts({ allowDemo: false })).rejects.toBeInstanceOf(DemoAccountsError);
      await expect(assertNoDemoAccounts({ allowDemo: true })).resolves.toBeUndefined();

      // A real admin, and the demo accounts switched off: the database may be served.
      await createAdminAccount({
        ctx: systemCtx("admin:create"),
        data: { email: "ops@example.org", name: "Olu Ops", password: "Kettle-Orbit-Lantern-42" },
      });
      await prisma.user.updateMany({ where: { email: { endsWith: "@proofline.test" } }, data: { active: false } });
      expect(await findDemoPasswordAccounts()).toEqual([]);
      expect(await prepareForStart({ url, embedded: false, argv: [], log: quiet })).toEqual({ demo: false, users: 5 });
    },
  );

  it("an admin whose password was set to the demo one is caught too", { timeout: 120_000 }, async () => {
    const url = await emptyDatabase();
    await prepareForStart({ url, embedded: false, argv: [], log: quiet });
    const { hashPassword } = await import("@/lib/auth/password");
    process.env.DATABASE_URL = url;
    resetEnvForTests();
    await prisma.user.create({
      data: {
        email: "root@example.org",
        name: "Root",
        role: "ADMIN",
        passwordHash: await hashPassword("proofline-demo"),
      },
    });
    expect(await findDemoPasswordAccounts()).toEqual(["root@example.org"]);
    await disconnectDb();
  });
});

describe("npm run admin:create", () => {
  it(
    "creates the first admin of an empty database from stdin, and refuses a weak password or a taken email, writing nothing",
    { timeout: 180_000 },
    async () => {
      const url = await emptyDatabase();
      const run = (password: string, email = "first.admin@example.org") =>
        spawnSync(
          process.execPath,
          [
            "node_modules/tsx/dist/cli.mjs",
            "scripts/admin-create.ts",
            "--email",
            email,
            "--name",
            "First Admin",
            "--password-stdin",
          ],
          {
            input: `${password}\n`,
            env: { ...process.env, DATABASE_URL: url },
            encoding: "utf8",
          },
        );

      const weak = run("proofline-demo");
      expect(weak.status).toBe(1);
      expect(weak.stderr).toMatch(/The password is too weak: .*Nothing was created/);
      const made = run("Velvet-Harbor-Quartz-9");
      expect([made.status, made.stderr]).toEqual([0, ""]);
      expect(made.stdout).toContain("Created the administrator First Admin <first.admin@example.org>");
      const again = run("Another-Strong-Pass-77");
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/already a user with the email first\.admin@example\.org/);
      expect(await usersIn(url)).toEqual([{ email: "first.admin@example.org", role: "ADMIN" }]);

      // The password works: it is the one stored, not echoed anywhere.
      process.env.DATABASE_URL = url;
      resetEnvForTests();
      const { verifyPassword } = await import("@/lib/auth/password");
      const row = await prisma.user.findUniqueOrThrow({ where: { email: "first.admin@example.org" } });
      expect(await verifyPassword("Velvet-Harbor-Quartz-9", row.passwordHash)).toBe(true);
      expect(made.stdout).not.toContain("Velvet-Harbor-Quartz-9");
      const events = await prisma.activityEvent.findMany({
        where: { entityId: row.id },
        select: { action: true, actorLabel: true },
      });
      expect(events).toEqual([{ action: "user.create", actorLabel: "admin:create" }]);
      await disconnectDb();
    },
  );

  it("refuses a weak password in the operation itself, before any write", async () => {
    await expect(
      createAdminAccount({
        ctx: systemCtx("admin:create"),
        data: { email: "x@example.org", name: "X", password: "short" },
      }),
    ).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      createAdminAccount({
        ctx: systemCtx("admin:create"),
        data: { email: "x@example.org", name: "X", password: "administrator1" },
      }),
    ).rejects.toThrow(/too weak/);
    await createAdminAccount({
      ctx: systemCtx("admin:create"),
      data: { email: "x@example.org", name: "X", password: "Granite-Falcon-Meadow-3" },
    });
    await expect(
      createAdminAccount({
        ctx: systemCtx("admin:create"),
        data: { email: "X@example.org", name: "X", password: "Granite-Falcon-Meadow-3" },
      }),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});
