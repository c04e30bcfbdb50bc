// Issue 16 through `next start`: SCIM at /scim/v2 (the rewrite, outside the proxy) with Okta's and Entra
// ID's request shapes, and OIDC sign-in against a real OpenID Provider (oidc-provider on a loopback
// port) with a second server of the same build configured for it. The sign-in and users pages are
// checked with axe in Debian's chromium, with the SSO button showing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser } from "@playwright/test";
import { prisma } from "@/lib/db";
import { createScimToken } from "@/lib/scim/tokens";
import { scimFixture } from "@/lib/scim/testing/fixtures";
import { sessionCookie } from "@/tests/api";
import { axeViolations } from "@/tests/axe";
import { ctxOf, makeUser, uniq } from "@/tests/factories";
import { chromiumLaunchOptions } from "../../scripts/lib/chromium";
import { freePort } from "../../scripts/lib/database";
import { SERVED_DIST, startServedApp, type ServedApp } from "./served-app";
import { startTestIdp, TEST_CLIENT_ID, TEST_CLIENT_SECRET, type TestIdp } from "./oidc-idp";
import { oidcSignInOverHttp } from "./oidc-flow";

const BASE = process.env.SERVED_URL!;
const DIST = process.env.SERVED_DIST_DIR || SERVED_DIST;
if (!BASE) throw new Error("Run the served tier through `tsx scripts/test.ts served` (it starts the server).");
const ROLE_MAP = "proofline-admins:ADMIN,grc:COMPLIANCE_LEAD,eng:ENGINEER";

let scimToken: string;
beforeAll(async () => {
  const admin = await makeUser({ role: "ADMIN" });
  scimToken = (await createScimToken({ ctx: ctxOf(admin), data: { name: "served" } })).secret;
});
afterAll(async () => {
  await prisma.$disconnect();
});

async function scim(
  base: string,
  req: { method: string; path: string; body?: unknown },
  token: string | null = scimToken,
) {
  const res = await fetch(`${base}${req.path}`, {
    method: req.method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(req.body !== undefined ? { "content-type": "application/scim+json" } : {}),
    },
    body: req.body === undefined ? undefined : JSON.stringify(req.body),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type"), body: text ? JSON.parse(text) : null };
}

async function me(base: string, cookie: string) {
  const res = await fetch(`${base}/api/v1/me`, { headers: { cookie } });
  return {
    status: res.status,
    role: res.status === 200 ? ((await res.json()) as { user: { role: string } }).user.role : null,
  };
}

describe("SCIM through next start", () => {
  it("serves /scim/v2 by the rewrite, answers 401 in SCIM's shape, and a deactivation ends a live session at once", async () => {
    const unauth = await scim(BASE, { method: "GET", path: "/scim/v2/Users" }, null);
    expect(unauth).toMatchObject({
      status: 401,
      type: "application/scim+json",
      body: { schemas: ["urn:ietf:params:scim:api:messages:2.0:Error"], status: "401" },
    });

    const userName = `${uniq("okta")}@corp.example`;
    const created = await scim(BASE, scimFixture("okta", "createUser", { userName, externalId: uniq("00u") }));
    expect(created).toMatchObject({ status: 201, type: "application/scim+json", body: { userName, active: true } });
    expect(created.body.meta.location).toBe(`${BASE}/scim/v2/Users/${created.body.id}`);
    const found = await scim(BASE, scimFixture("okta", "findUser", { userName }));
    expect(found.body).toMatchObject({ totalResults: 1, Resources: [{ id: created.body.id }] });

    const cookie = await sessionCookie(created.body.id);
    expect(await me(BASE, cookie)).toEqual({ status: 200, role: "ENGINEER" });
    const disabled = await scim(BASE, scimFixture("entra", "disableUser", { userId: created.body.id }));
    expect(disabled).toMatchObject({ status: 200, body: { active: false } });
    expect((await me(BASE, cookie)).status).toBe(401);
    const events = await prisma.activityEvent.findMany({
      where: { entityId: created.body.id },
      orderBy: { id: "asc" },
      select: { action: true, actorLabel: true },
    });
    expect(events).toEqual([
      { action: "user.create", actorLabel: "scim:served" },
      { action: "user.deactivate", actorLabel: "scim:served" },
    ]);
  });

  it("refuses a body over the limit with a SCIM error, writing nothing", async () => {
    const before = await prisma.user.count();
    const big = {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: `${uniq("big")}@corp.example`,
      title: "x".repeat(2 * 1024 * 1024),
    };
    const res = await scim(BASE, { method: "POST", path: "/scim/v2/Users", body: big });
    expect(res).toMatchObject({ status: 413, type: "application/scim+json", body: { status: "413" } });
    expect(await prisma.user.count()).toBe(before);
  });
});

describe("OIDC sign-in against a real OpenID Provider", () => {
  let app: ServedApp;
  let idp: TestIdp;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const idpPort = await freePort();
    app = await startServedApp({
      distDir: DIST,
      env: {
        ...process.env,
        OIDC_ISSUER: `http://127.0.0.1:${idpPort}`,
        OIDC_CLIENT_ID: TEST_CLIENT_ID,
        OIDC_CLIENT_SECRET: TEST_CLIENT_SECRET,
        OIDC_ROLE_MAP: ROLE_MAP,
        OIDC_DISPLAY_NAME: "Test IdP",
      },
    });
    idp = await startTestIdp({ port: idpPort, redirectUri: `${app.url}/api/auth/callback/oidc` });
  });
  afterAll(async () => {
    await browser?.close();
    await idp?.stop();
    await app?.stop();
  });

  it("signs a new person in with the role of their groups, and a changed group changes the role at the next sign-in", async () => {
    const login = uniq("alice");
    const email = `${login}@corp.example`;
    idp.accounts.set(login, { email, name: "Alice Example", groups: ["eng", "all-staff"] });
    const first = await oidcSignInOverHttp(app.url, login);
    expect(first).toMatchObject({ reachedCallback: true, landedAt: `${app.url}/` });
    expect(first.sessionCookie).toBeTruthy();
    expect(await me(app.url, first.sessionCookie!)).toEqual({ status: 200, role: "ENGINEER" });
    expect(await prisma.user.findUniqueOrThrow({ where: { email } })).toMatchObject({
      source: "oidc",
      oidcSubject: `${idp.issuer}|${login}`,
      passwordHash: "",
    });

    idp.accounts.set(login, { email, name: "Alice Example", groups: ["grc"] });
    const second = await oidcSignInOverHttp(app.url, login);
    expect(await me(app.url, second.sessionCookie!)).toEqual({ status: 200, role: "COMPLIANCE_LEAD" });
    // The first session follows too: every request re-reads the user.
    expect(await me(app.url, first.sessionCookie!)).toEqual({ status: 200, role: "COMPLIANCE_LEAD" });

    // Out of every mapped group: refused, and the account is deactivated, ending both sessions.
    idp.accounts.set(login, { email, name: "Alice Example", groups: ["all-staff"] });
    const third = await oidcSignInOverHttp(app.url, login);
    expect(third.sessionCookie).toBeNull();
    expect(third.landedAt).toBe(`${app.url}/signin?error=SsoNoRole`);
    expect((await me(app.url, second.sessionCookie!)).status).toBe(401);
  });

  it("refuses a removed user: deprovisioned by SCIM their session ends, Proofline refuses them, and once removed at the provider they never get back", async () => {
    const login = uniq("bob");
    const email = `${login}@corp.example`;
    idp.accounts.set(login, { email, name: "Bob Example", groups: ["proofline-admins"] });
    const signedIn = await oidcSignInOverHttp(app.url, login);
    expect(await me(app.url, signedIn.sessionCookie!)).toEqual({ status: 200, role: "ADMIN" });
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });

    // The provider deprovisions him (Okta's deactivation request) on the same server.
    expect((await scim(app.url, scimFixture("okta", "deactivateUser", { userId: user.id }))).status).toBe(200);
    expect((await me(app.url, signedIn.sessionCookie!)).status).toBe(401);
    const refused = await oidcSignInOverHttp(app.url, login);
    expect(refused).toMatchObject({
      reachedCallback: true,
      sessionCookie: null,
      landedAt: `${app.url}/signin?error=AccountDeactivated`,
    });

    idp.accounts.delete(login);
    const gone = await oidcSignInOverHttp(app.url, login);
    expect(gone).toEqual({ reachedCallback: false, sessionCookie: null, landedAt: null });
  });

  it("the sign-in page shows the SSO button and stays axe-clean (WCAG 2.0/2.1 A and AA); so do set-password and the users page", async () => {
    browser = await chromium.launch(chromiumLaunchOptions());
    const admin = await makeUser({ role: "ADMIN" });
    const context = await browser.newContext({ baseURL: app.url });
    const page = await context.newPage();
    await page.goto("/signin", { waitUntil: "networkidle" });
    await expect(page.getByTestId("sso-sign-in").textContent()).resolves.toBe("Sign in with Test IdP");
    expect(await axeViolations(page)).toEqual([]);
    await page.goto("/signin?error=SsoNoRole", { waitUntil: "networkidle" });
    await expect(page.getByTestId("login-error").textContent()).resolves.toMatch(/none of your groups/);
    expect(await axeViolations(page)).toEqual([]);
    await page.goto("/signin?invite=an-invitation-token-that-is-long-enough", { waitUntil: "networkidle" });
    expect(await axeViolations(page)).toEqual([]);

    // A real browser through the whole flow: the button, the provider's login page, back signed in.
    const login = uniq("carol");
    idp.accounts.set(login, { email: `${login}@corp.example`, name: "Carol Example", groups: ["eng"] });
    await page.goto("/signin", { waitUntil: "networkidle" });
    await page.getByTestId("sso-sign-in").click();
    await page.waitForURL((u) => u.origin === idp.issuer);
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill("any-password");
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(
      (u) => u.origin === app.url && !u.pathname.startsWith("/signin") && !u.pathname.startsWith("/api/"),
    );
    expect(await (await context.request.get("/api/v1/me")).json()).toMatchObject({
      user: { email: `${login}@corp.example`, role: "ENGINEER" },
    });

    const [name, value] = (await sessionCookie(admin.id)).split("=");
    const adminContext = await browser.newContext({ baseURL: app.url });
    await adminContext.addCookies([{ name, value, url: app.url }]);
    const adminPage = await adminContext.newPage();
    await adminPage.goto("/admin/users", { waitUntil: "networkidle" });
    await expect(adminPage.getByTestId("scim-token-form").count()).resolves.toBe(1);
    expect(await axeViolations(adminPage)).toEqual([]);
  });
});
