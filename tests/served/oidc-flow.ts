// Walks the OpenID Connect authorization code flow over HTTP as a browser would: next-auth's sign-in
// POST, the redirects to the provider, its login form, back to Proofline's callback. One cookie jar per
// origin. Returns where Proofline sent the browser after its callback, and the session cookie if any.

/** How requests to Proofline are sent: over the network (served tier) or to the route handler in-process. */
export type AppFetch = (url: string, init: RequestInit) => Promise<Response>;

class Jar {
  constructor(
    private appOrigin: string,
    private appFetch: AppFetch,
  ) {}
  private byOrigin = new Map<string, Map<string, string>>();
  header(url: string): string {
    const jar = this.byOrigin.get(new URL(url).origin);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join("; ") : "";
  }
  store(url: string, res: Response) {
    const origin = new URL(url).origin;
    const jar = this.byOrigin.get(origin) ?? new Map<string, string>();
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\b/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === "") jar.delete(name);
      else jar.set(name, value);
    }
    this.byOrigin.set(origin, jar);
  }
  get(origin: string, name: string) {
    return this.byOrigin.get(origin)?.get(name);
  }
  async fetch(url: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    const cookie = this.header(url);
    if (cookie) headers.set("cookie", cookie);
    const send = new URL(url).origin === this.appOrigin ? this.appFetch : fetch;
    const res = await send(url, { ...init, headers, redirect: "manual" });
    this.store(url, res);
    return res;
  }
}

export interface OidcFlowResult {
  /** Where Proofline's callback redirected (e.g. the callbackUrl, or /signin?error=…); null if it was never reached. */
  landedAt: string | null;
  /** "next-auth.session-token=…" for Proofline, or null. */
  sessionCookie: string | null;
  /** Whether the provider ever redirected back to Proofline with a code. */
  reachedCallback: boolean;
}

const form = (fields: Record<string, string>) => ({
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
});

export async function oidcSignInOverHttp(
  appUrl: string,
  login: string,
  appFetch: AppFetch = fetch,
): Promise<OidcFlowResult> {
  const jar = new Jar(new URL(appUrl).origin, appFetch);
  const csrf = (await (await jar.fetch(`${appUrl}/api/auth/csrf`)).json()) as { csrfToken: string };
  const start = await jar.fetch(`${appUrl}/api/auth/signin/oidc`, {
    method: "POST",
    ...form({ csrfToken: csrf.csrfToken, callbackUrl: `${appUrl}/`, json: "true" }),
  });
  let url =
    start.status === 200
      ? ((await start.json()) as { url: string }).url
      : new URL(start.headers.get("location")!, appUrl).href;
  let reachedCallback = false;
  let loggedIn = false;
  for (let hop = 0; hop < 25; hop++) {
    const here = new URL(url);
    const isCallback = here.origin === appUrl && here.pathname === "/api/auth/callback/oidc";
    if (isCallback) reachedCallback = true;
    let res: Response;
    if (here.pathname.startsWith("/interaction/") && here.origin !== appUrl) {
      const page = await jar.fetch(url);
      const html = await page.text();
      if (loggedIn || !html.includes('name="login"')) return { landedAt: null, sessionCookie: null, reachedCallback };
      loggedIn = true;
      res = await jar.fetch(url, { method: "POST", ...form({ prompt: "login", login, password: "any-password" }) });
    } else {
      res = await jar.fetch(url);
    }
    const location = res.headers.get("location");
    if (process.env.SSO_FLOW_DEBUG)
      console.log(res.status, url, "->", location, res.status >= 400 ? (await res.clone().text()).slice(0, 300) : "");
    if (isCallback) {
      const token = jar.get(new URL(appUrl).origin, "next-auth.session-token");
      return {
        landedAt: location ? new URL(location, appUrl).href : null,
        sessionCookie: token ? `next-auth.session-token=${token}` : null,
        reachedCallback,
      };
    }
    if (!location) return { landedAt: null, sessionCookie: null, reachedCallback };
    url = new URL(location, url).href;
  }
  throw new Error("The sign-in flow did not finish within 25 redirects");
}
