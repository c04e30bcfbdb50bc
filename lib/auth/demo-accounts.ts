// Accounts that anyone can sign in to: the demo users' password is printed by `npm start` and in the
// README. A production server refuses to start while an active account still has it, unless the
// deployment says it is the demo (PROOFLINE_DEMO=1: npm start in demo mode and the e2e tests).
import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { verifyPassword } from "@/lib/auth/password";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/seed/demo-users";

/** At most this many administrators are checked (each check is one scrypt, ~0.1 s). */
const MAX_CHECKED = 200;

/** The emails of active accounts whose password is the published demo password. */
export async function findDemoPasswordAccounts(): Promise<string[]> {
  const candidates = await prisma.user.findMany({
    where: { active: true, OR: [{ email: { in: DEMO_USERS.map((u) => u.email) } }, { role: "ADMIN" }] },
    select: { email: true, passwordHash: true },
    orderBy: { createdAt: "asc" },
    take: MAX_CHECKED,
  });
  const found: string[] = [];
  for (const c of candidates) if (await verifyPassword(DEMO_PASSWORD, c.passwordHash)) found.push(c.email);
  return found;
}

export class DemoAccountsError extends Error {
  constructor(readonly emails: string[]) {
    super(
      `Refusing to start: ${emails.length} active account(s) still have the published demo password (${emails.join(", ")}). ` +
        "Anyone could sign in as them. Deactivate them or change their passwords (create a real administrator first with `npm run admin:create`), " +
        "or, for a demo deployment only, start with `npm start -- --demo` (PROOFLINE_DEMO=1).",
    );
    this.name = "DemoAccountsError";
  }
}

/** Throws DemoAccountsError when a demo-password account exists and the deployment is not the demo. */
export async function assertNoDemoAccounts({
  allowDemo = env().PROOFLINE_DEMO === "1",
}: { allowDemo?: boolean } = {}): Promise<void> {
  if (allowDemo) return;
  const emails = await findDemoPasswordAccounts();
  if (emails.length) throw new DemoAccountsError(emails);
}

/**
 * The production server's start-up check (instrumentation.ts): ends the process when a demo-password
 * account exists outside the demo, and also when the check cannot run (no database): fail closed.
 */
export async function refuseDemoAccountsAtStartup(): Promise<void> {
  try {
    await assertNoDemoAccounts();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
