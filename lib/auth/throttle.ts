import { prisma, type Db } from "@/lib/db";

// Slows password guessing without handing anyone a way to lock others out cheaply. Every password
// attempt is counted, before the password is checked, against four fixed windows kept in PostgreSQL
// (table "SignInThrottle", shared by every app process and surviving restarts):
//
//   pair     one account from one address: a guesser is stopped after 10 tries, and only for
//            themselves: the account's owner, signing in from elsewhere, is not locked out;
//   address  one address, any accounts: stops password spraying across many emails;
//   account  one account from anywhere: stops guessing spread over many addresses. This is the one
//            lock a determined attacker can impose on someone else, so it is set higher, and an
//            admin can lift it at once (users page, or POST /api/v1/users/{id}/unlock);
//   global   everything: a ceiling on guessing throughput against the whole deployment.
//
// A successful sign-in clears the account's and the pair's windows and takes its attempt back from
// the address and global ones. Rows whose window has ended are deleted as attempts arrive, so the
// table holds only live windows (bounded by the global limit).

export type ThrottleScope = "pair" | "address" | "account" | "global";

export const SIGN_IN_LIMITS: Record<ThrottleScope, { max: number; windowSeconds: number }> = {
  pair: { max: 10, windowSeconds: 15 * 60 },
  address: { max: 50, windowSeconds: 15 * 60 },
  account: { max: 50, windowSeconds: 60 * 60 },
  global: { max: 1000, windowSeconds: 15 * 60 },
};

export interface AttemptSubject {
  /** Lower-case email as typed (known or not). */
  email: string;
  /** From clientAddress(). */
  address: string;
}

export type AttemptVerdict = { allowed: true } | { allowed: false; scope: ThrottleScope; retryAfterSeconds: number };

function keys({ email, address }: AttemptSubject): Record<ThrottleScope, string> {
  return {
    pair: `pair:${address}|${email}`,
    address: `address:${address}`,
    account: `account:${email}`,
    global: "global",
  };
}

const utc = (d: Date) => d.toISOString();

/**
 * Counts one attempt in every window and says whether it may go ahead. The global window is counted
 * first: past it, nothing else is written (so a flood cannot grow the table). Atomic per row
 * (INSERT ... ON CONFLICT DO UPDATE), so concurrent attempts are all counted.
 */
export async function reserveSignInAttempt(subject: AttemptSubject, now = new Date()): Promise<AttemptVerdict> {
  const k = keys(subject);
  await prisma.$executeRaw`DELETE FROM "SignInThrottle" WHERE "windowEndsAt" <= (${utc(now)}::timestamptz AT TIME ZONE 'UTC')`;
  const order: ThrottleScope[] = ["pair", "address", "account"];
  const global = await bump([k.global], [null], [SIGN_IN_LIMITS.global.windowSeconds], now);
  const refusedGlobal = verdict("global", global.get(k.global), now);
  if (refusedGlobal) return refusedGlobal;
  const rows = await bump(
    order.map((s) => k[s]),
    order.map((s) => (s === "address" ? null : subject.email)),
    order.map((s) => SIGN_IN_LIMITS[s].windowSeconds),
    now,
  );
  for (const scope of order) {
    const refused = verdict(scope, rows.get(k[scope]), now);
    if (refused) return refused;
  }
  return { allowed: true };
}

function verdict(
  scope: ThrottleScope,
  row: { count: number; windowEndsAt: Date } | undefined,
  now: Date,
): AttemptVerdict | null {
  if (!row || row.count <= SIGN_IN_LIMITS[scope].max) return null;
  return {
    allowed: false,
    scope,
    retryAfterSeconds: Math.max(1, Math.ceil((row.windowEndsAt.getTime() - now.getTime()) / 1000)),
  };
}

async function bump(keyList: string[], accounts: Array<string | null>, windows: number[], now: Date) {
  const rows = await prisma.$queryRaw<Array<{ key: string; count: number; windowEndsAt: Date }>>`
    INSERT INTO "SignInThrottle" AS t ("key", "account", "count", "windowEndsAt")
    SELECT v.k, v.a, 1, (${utc(now)}::timestamptz AT TIME ZONE 'UTC') + make_interval(secs => v.w)
      FROM unnest(${keyList}::text[], ${accounts}::text[], ${windows}::int[]) AS v(k, a, w)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN t."windowEndsAt" <= (${utc(now)}::timestamptz AT TIME ZONE 'UTC') THEN 1 ELSE t."count" + 1 END,
      "windowEndsAt" = CASE WHEN t."windowEndsAt" <= (${utc(now)}::timestamptz AT TIME ZONE 'UTC') THEN EXCLUDED."windowEndsAt" ELSE t."windowEndsAt" END
    RETURNING "key", "count", ("windowEndsAt" AT TIME ZONE 'UTC') AS "windowEndsAt"`;
  return new Map(rows.map((r) => [r.key, { count: Number(r.count), windowEndsAt: new Date(r.windowEndsAt) }]));
}

/** After a correct password: the account's and the pair's windows start afresh; the attempt is taken back from the others. */
export async function recordSignInSuccess(subject: AttemptSubject): Promise<void> {
  const k = keys(subject);
  await prisma.$executeRaw`DELETE FROM "SignInThrottle" WHERE "key" IN (${k.pair}, ${k.account})`;
  await forget([k.address, k.global]);
}

/** An attempt that was never judged (the server was too busy to check the password): taken back from every window. */
export async function forgetSignInAttempt(subject: AttemptSubject): Promise<void> {
  const k = keys(subject);
  await forget([k.pair, k.address, k.account, k.global]);
}

async function forget(keyList: string[]) {
  await prisma.$executeRaw`UPDATE "SignInThrottle" SET "count" = GREATEST("count" - 1, 0) WHERE "key" = ANY(${keyList}::text[])`;
}

/** Lifts every lock on an account (account-wide and from every address). Returns the rows removed. */
export async function clearAccountThrottle(email: string, db: Db = prisma): Promise<number> {
  return db.$executeRaw`DELETE FROM "SignInThrottle" WHERE "account" = ${email.toLowerCase()}`;
}

/** Emails (of those given) whose account-wide window is over its limit at `now`. */
export async function lockedAccounts(emails: string[], now = new Date()): Promise<Set<string>> {
  if (!emails.length) return new Set();
  const rows = await prisma.$queryRaw<Array<{ account: string }>>`
    SELECT "account" FROM "SignInThrottle"
     WHERE "key" = ANY(${emails.map((e) => `account:${e.toLowerCase()}`)}::text[])
       AND "count" > ${SIGN_IN_LIMITS.account.max}
       AND "windowEndsAt" > (${utc(now)}::timestamptz AT TIME ZONE 'UTC')`;
  return new Set(rows.map((r) => r.account));
}
