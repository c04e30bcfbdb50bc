// Issue 11, finding 9 and "Sign-out": the sign-in throttle against real PostgreSQL, and sign-out
// ending the session on the server.
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { authorizeSignIn, passwordChecks, SIGN_IN_ERRORS } from "@/lib/auth/authorize-sign-in";
import { reserveSignInAttempt, SIGN_IN_LIMITS } from "@/lib/auth/throttle";
import { authOptions } from "@/lib/auth/options";
import { POST as unlockRoute } from "@/app/api/v1/users/[id]/unlock/route";
import { GET as usersRoute } from "@/app/api/v1/users/route";
import { GET as meRoute } from "@/app/api/v1/me/route";
import { call, sessionCookie } from "@/tests/api";
import { makeUser, uniq } from "@/tests/factories";

const from = (address: string) => ({ "x-forwarded-for": address });
let octet = 0;
const nextAddress = () => `198.51.${Math.floor(++octet / 250) % 250}.${(octet % 250) + 1}`;

async function attempt(email: string, password: string, address: string, now?: Date) {
  try {
    const user = await authorizeSignIn({ email, password, headers: from(address), now });
    return user ? "ok" : "wrong";
  } catch (err) {
    return (err as Error).message;
  }
}

describe("sign-in throttle", () => {
  it("stops a guesser from one address without locking the account's owner out elsewhere", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const attacker = nextAddress();
    for (let i = 0; i < SIGN_IN_LIMITS.pair.max; i++)
      expect(await attempt(admin.email, `guess-${i}`, attacker)).toBe("wrong");
    // The guesser is now refused, even with the right password...
    expect(await attempt(admin.email, "guess-x", attacker)).toBe(SIGN_IN_ERRORS.throttled);
    expect(await attempt(admin.email, admin.password, attacker)).toBe(SIGN_IN_ERRORS.throttled);
    // ...but the admin, from their own address, signs in (before: 10 tries by anyone locked the admin out).
    expect(await attempt(admin.email, admin.password, nextAddress())).toBe("ok");
  });

  it("limits password spraying: one address trying one password across many accounts", async () => {
    const attacker = nextAddress();
    const results: string[] = [];
    // The first tries go through the full sign-in; the bulk is counted straight through the throttle
    // (the same counting, without spending a password hash on each).
    for (let i = 0; i < 3; i++) results.push(await attempt(`${uniq("victim")}@example.test`, "Summer2026!", attacker));
    for (let i = 3; i < SIGN_IN_LIMITS.address.max; i++)
      results.push(
        (await reserveSignInAttempt({ email: `${uniq("victim")}@example.test`, address: attacker })).allowed
          ? "wrong"
          : "refused",
      );
    results.push(await attempt(`${uniq("victim")}@example.test`, "Summer2026!", attacker));
    expect(results.slice(0, SIGN_IN_LIMITS.address.max).every((r) => r === "wrong")).toBe(true);
    expect(results.at(-1)).toBe(SIGN_IN_ERRORS.throttled);
    // A real user at the same address is refused too until the window ends; one elsewhere is not.
    const user = await makeUser();
    expect(await attempt(user.email, user.password, attacker)).toBe(SIGN_IN_ERRORS.throttled);
    expect(await attempt(user.email, user.password, nextAddress())).toBe("ok");
  });

  it("locks an account guessed at from many addresses, until an admin unlocks it", async () => {
    const admin = await makeUser({ role: "ADMIN" });
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const victim = await makeUser({ role: "ENGINEER" });
    for (let i = 0; i < 3; i++) expect(await attempt(victim.email, `guess-${i}`, nextAddress())).toBe("wrong");
    for (let i = 3; i < SIGN_IN_LIMITS.account.max; i++)
      expect(await reserveSignInAttempt({ email: victim.email, address: nextAddress() })).toEqual({ allowed: true });
    expect(await attempt(victim.email, victim.password, nextAddress())).toBe(SIGN_IN_ERRORS.throttled);

    const listed = await call(usersRoute, { asUser: admin.id });
    expect(listed.body.items.find((u: { id: string }) => u.id === victim.id)).toMatchObject({ signInLocked: true });
    expect((await call(unlockRoute, { method: "POST", params: { id: victim.id }, asUser: lead.id })).status).toBe(403);
    expect(await attempt(victim.email, victim.password, nextAddress())).toBe(SIGN_IN_ERRORS.throttled);

    const unlocked = await call(unlockRoute, { method: "POST", params: { id: victim.id }, asUser: admin.id });
    expect(unlocked.status).toBe(200);
    expect(unlocked.body).toMatchObject({ id: victim.id, unlocked: true });
    expect(await attempt(victim.email, victim.password, nextAddress())).toBe("ok");
    expect(await prisma.activityEvent.count({ where: { action: "user.unlock", entityId: victim.id } })).toBe(1);
    expect((await call(unlockRoute, { method: "POST", params: { id: "no-such-user" }, asUser: admin.id })).status).toBe(
      404,
    );
  });

  it("counts concurrent attempts atomically: a burst gets no more than the limit", async () => {
    const subject = { email: `${uniq("burst")}@example.test`, address: nextAddress() };
    const burst = await Promise.all(
      Array.from({ length: SIGN_IN_LIMITS.pair.max + 8 }, () => reserveSignInAttempt(subject)),
    );
    expect(burst.filter((v) => v.allowed)).toHaveLength(SIGN_IN_LIMITS.pair.max);
    expect(burst.filter((v) => !v.allowed && v.scope === "pair")).toHaveLength(8);
  });

  it("keeps its counters in PostgreSQL and deletes them once their window has passed", async () => {
    const email = `${uniq("gone")}@example.test`;
    await attempt(email, "nope", nextAddress());
    expect(await prisma.signInThrottle.count({ where: { account: email } })).toBe(2); // the account, and the account from that address
    const later = new Date(Date.now() + 2 * 3600_000);
    await attempt(`${uniq("other")}@example.test`, "nope", nextAddress(), later);
    expect(await prisma.signInThrottle.count({ where: { account: email } })).toBe(0);
    // Only live windows remain: the table does not grow with every email ever tried.
    expect(await prisma.signInThrottle.count({ where: { windowEndsAt: { lte: later } } })).toBe(0);
  });
});

describe("scrypt concurrency cap", () => {
  it("refuses sign-ins beyond the cap with 'busy' instead of queueing them on the thread pool, and does not count them", async () => {
    const user = await makeUser();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    // Occupy every slot and every queue place, as a flood of sign-ins would.
    const held = Array.from({ length: passwordChecks.max + passwordChecks.maxQueue }, () =>
      passwordChecks.run(() => gate).catch((err: Error) => err.message),
    );
    expect(passwordChecks.active).toBe(passwordChecks.max);
    const address = nextAddress();
    expect(await attempt(user.email, user.password, address)).toBe(SIGN_IN_ERRORS.busy);
    expect(await prisma.signInThrottle.findUnique({ where: { key: `pair:${address}|${user.email}` } })).toMatchObject({
      count: 0,
    });
    open();
    await Promise.all(held);
    expect(await attempt(user.email, user.password, address)).toBe("ok");
  });
});

describe("sign-out", () => {
  it("ends the session on the server: the old cookie no longer works", async () => {
    const user = await makeUser();
    const cookie = await sessionCookie(user.id);
    expect((await call(meRoute, { headers: { cookie } })).status).toBe(200);
    const { sessionVersion } = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    await authOptions().events!.signOut!({ token: { sub: user.id, sv: sessionVersion }, session: null as never });
    // Before the fix, sign-out only cleared the browser's cookie: a copied cookie stayed valid for 8 hours.
    const replay = await call(meRoute, { headers: { cookie } });
    expect(replay.status).toBe(401);
    expect(await prisma.activityEvent.count({ where: { action: "user.sign_out", entityId: user.id } })).toBe(1);
    // Signing in again gives a working session.
    expect((await call(meRoute, { asUser: user.id })).status).toBe(200);
  });
});

// Last: it fills the global window of a time four hours ahead.
describe("sign-in throttle, whole deployment", () => {
  it("has a global ceiling: guessing spread over many addresses and accounts is stopped", async () => {
    // Counted straight through the throttle (the password check is not what is under test here).
    const start = new Date(Date.now() + 4 * 3600_000); // a fresh global window, clear of the other tests
    for (let i = 0; i < SIGN_IN_LIMITS.global.max; i++) {
      const v = await reserveSignInAttempt({ email: `spray-${i}@example.test`, address: nextAddress() }, start);
      if (!v.allowed) throw new Error(`attempt ${i} was refused (${v.scope})`);
    }
    const user = await makeUser();
    expect(await attempt(user.email, user.password, nextAddress(), start)).toBe(SIGN_IN_ERRORS.throttled);
    // Past the global limit nothing more is written for the refused attempts.
    const before = await prisma.signInThrottle.count();
    expect(await reserveSignInAttempt({ email: "one-more@example.test", address: nextAddress() }, start)).toMatchObject(
      { allowed: false, scope: "global" },
    );
    expect(await prisma.signInThrottle.count()).toBe(before);
  }, 120_000);
});
