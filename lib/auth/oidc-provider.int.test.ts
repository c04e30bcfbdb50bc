// OIDC sign-in end to end against a real OpenID Provider (oidc-provider on a loopback port), with
// next-auth's route handler called in-process: discovery, PKCE, state, nonce, the code exchange, the ID
// token's signature and claims, then Proofline's provisioning. tests/served/sso.served.ts runs the same
// flow through `next start` and in chromium.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRequire } from "node:module";
import path from "node:path";
import { prisma } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { readSessionToken, userForSession } from "@/lib/auth/session";
import { authOptions } from "@/lib/auth/options";
import { uniq } from "@/tests/factories";
import { freePort } from "@/scripts/lib/database";
import { startTestIdp, TEST_CLIENT_ID, TEST_CLIENT_SECRET, type TestIdp } from "@/tests/served/oidc-idp";
import { oidcSignInOverHttp } from "@/tests/served/oidc-flow";

const APP = "http://localhost:3999";
let idp: TestIdp;

// next-auth's App Router adapter reads cookies() and headers() from Next's request store, which exists
// only inside a running server; in-process, its core handler gets the same request as plain fields.
// Neither module is in next-auth's export map: loaded by file path.
const require = createRequire(import.meta.url);
const nextAuthDir = path.dirname(require.resolve("next-auth"));
const { AuthHandler } = require(path.join(nextAuthDir, "core", "index.js")) as {
  AuthHandler(params: { req: Record<string, unknown>; options: unknown }): Promise<unknown>;
};
const { toResponse } = require(path.join(nextAuthDir, "next", "utils.js")) as { toResponse(res: unknown): Response };

async function appFetch(url: string, init: RequestInit): Promise<Response> {
  const u = new URL(url);
  const [action, providerId] = u.pathname.replace(/^\/api\/auth\//, "").split("/");
  const headers = new Headers(init.headers);
  const cookies = Object.fromEntries(
    (headers.get("cookie") ?? "")
      .split("; ")
      .filter(Boolean)
      .map((c) => [c.slice(0, c.indexOf("=")), decodeURIComponent(c.slice(c.indexOf("=") + 1))]),
  );
  const body = init.method === "POST" ? Object.fromEntries(new URLSearchParams(String(init.body))) : undefined;
  const query = Object.fromEntries(u.searchParams);
  const internal = await AuthHandler({
    req: {
      body,
      query,
      cookies,
      headers: Object.fromEntries(headers),
      method: init.method ?? "GET",
      action,
      providerId,
      error: query.error ?? providerId,
    },
    options: authOptions(),
  });
  const res = toResponse(internal);
  const location = res.headers.get("location");
  if (body?.json !== "true" || !location) return res;
  const out = new Headers({ "content-type": "application/json" });
  for (const c of res.headers.getSetCookie()) out.append("set-cookie", c);
  return new Response(JSON.stringify({ url: location }), { status: 200, headers: out });
}

async function sessionRole(cookie: string | null) {
  const s = await readSessionToken(cookie);
  if (!s) return null;
  return (await userForSession(s.userId, s.sessionVersion))?.role ?? null;
}

beforeAll(async () => {
  const port = await freePort();
  Object.assign(process.env, {
    NEXTAUTH_URL: APP,
    OIDC_ISSUER: `http://127.0.0.1:${port}`,
    OIDC_CLIENT_ID: TEST_CLIENT_ID,
    OIDC_CLIENT_SECRET: TEST_CLIENT_SECRET,
    OIDC_ROLE_MAP: "proofline-admins:ADMIN,grc:COMPLIANCE_LEAD,eng:ENGINEER",
  });
  resetEnvForTests();
  idp = await startTestIdp({ port, redirectUri: `${APP}/api/auth/callback/oidc` });
});
afterAll(async () => {
  await idp?.stop();
  for (const k of ["NEXTAUTH_URL", "OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_ROLE_MAP"])
    delete process.env[k];
  resetEnvForTests();
});

describe("OIDC sign-in with a real OpenID Provider", () => {
  it("signs in with the role of the groups claim; a changed group changes it at the next sign-in; out of every mapped group is refused", async () => {
    const login = uniq("dana");
    const email = `${login}@corp.example`;
    idp.accounts.set(login, { email, name: "Dana Example", groups: ["eng"] });
    const first = await oidcSignInOverHttp(APP, login, appFetch);
    expect(first).toMatchObject({ reachedCallback: true, landedAt: `${APP}/` });
    expect(await sessionRole(first.sessionCookie)).toBe("ENGINEER");
    expect(await prisma.user.findUniqueOrThrow({ where: { email } })).toMatchObject({
      source: "oidc",
      oidcSubject: `${idp.issuer}|${login}`,
    });

    idp.accounts.set(login, { email, name: "Dana Example", groups: ["proofline-admins"] });
    const second = await oidcSignInOverHttp(APP, login, appFetch);
    expect(await sessionRole(second.sessionCookie)).toBe("ADMIN");

    idp.accounts.set(login, { email, name: "Dana Example", groups: ["marketing"] });
    const third = await oidcSignInOverHttp(APP, login, appFetch);
    expect(third).toMatchObject({ sessionCookie: null, landedAt: `${APP}/signin?error=SsoNoRole` });
    expect(await sessionRole(second.sessionCookie)).toBeNull();
  });

  it("a user removed at the provider never gets a session", async () => {
    const login = uniq("erin");
    idp.accounts.set(login, { email: `${login}@corp.example`, name: "Erin", groups: ["grc"] });
    expect(await sessionRole((await oidcSignInOverHttp(APP, login, appFetch)).sessionCookie)).toBe("COMPLIANCE_LEAD");
    idp.accounts.delete(login);
    expect(await oidcSignInOverHttp(APP, login, appFetch)).toEqual({
      reachedCallback: false,
      sessionCookie: null,
      landedAt: null,
    });
  });
});
