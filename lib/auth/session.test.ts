// Session tokens are decoded once and the claims kept until the token's own expiry: a kept token must
// answer exactly as a fresh decode does, and never after it expires.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { readSessionToken } from "@/lib/auth/session";

const SECRET = "unit-tests-only-session-secret-0123456789";

beforeAll(() => {
  process.env.NEXTAUTH_SECRET = SECRET;
});
afterEach(() => {
  vi.useRealTimers();
});

const cookieFor = async (sub: string, sv: number, maxAge: number) =>
  `next-auth.session-token=${await encode({ token: { sub, sv }, secret: SECRET, maxAge })}`;

describe("readSessionToken", () => {
  it("reads the same claims on every use of a token, whatever other cookies ride along", async () => {
    const cookie = await cookieFor("user-a", 3, 600);
    expect(await readSessionToken(cookie)).toEqual({ userId: "user-a", sessionVersion: 3 });
    expect(await readSessionToken(`theme=dark; ${cookie}; proofline-test-clock=x`)).toEqual({
      userId: "user-a",
      sessionVersion: 3,
    });
    const other = await cookieFor("user-b", 0, 600);
    expect(await readSessionToken(other)).toEqual({ userId: "user-b", sessionVersion: 0 });
  });

  it("refuses a token once it has expired, though it was read before", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-07T10:00:00Z"));
    const cookie = await cookieFor("user-c", 1, 60);
    expect(await readSessionToken(cookie)).toEqual({ userId: "user-c", sessionVersion: 1 });
    vi.setSystemTime(new Date("2026-12-07T10:00:59Z"));
    expect(await readSessionToken(cookie)).toEqual({ userId: "user-c", sessionVersion: 1 });
    vi.setSystemTime(new Date("2026-12-07T10:02:00Z"));
    expect(await readSessionToken(cookie)).toBeNull();
  });

  it("refuses a tampered, foreign or missing token", async () => {
    const cookie = await cookieFor("user-d", 0, 600);
    expect(await readSessionToken(cookie)).not.toBeNull();
    const tampered = cookie.slice(0, -3) + (cookie.endsWith("AAA") ? "BBB" : "AAA");
    expect(await readSessionToken(tampered)).toBeNull();
    const foreign = `next-auth.session-token=${await encode({ token: { sub: "user-d", sv: 0 }, secret: "another-secret-entirely-0123456789" })}`;
    expect(await readSessionToken(foreign)).toBeNull();
    expect(await readSessionToken("theme=dark")).toBeNull();
    expect(await readSessionToken(null)).toBeNull();
  });
});
