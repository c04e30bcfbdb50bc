// Cross-site request forgery defence for cookie-authenticated requests that change state. Session
// cookies are SameSite=Lax already (a cross-site form POST carries none); this check also refuses
// requests from sibling sites (same-site but another origin) and any browser request whose Origin is
// not the app's. Browsers send Origin on every POST/PUT/PATCH/DELETE; a request with neither Origin nor
// Sec-Fetch-Site comes from a non-browser client (a script holding its own cookie), which CSRF
// cannot forge, and is let through.

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Why the request must be refused as cross-origin, or null when it may go ahead. */
export function crossOriginProblem(req: Request, appUrl?: string): string | null {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  const fetchSite = req.headers.get("sec-fetch-site");
  if (fetchSite && fetchSite !== "same-origin" && fetchSite !== "none")
    return `a ${fetchSite} request (Sec-Fetch-Site)`;
  const origin = req.headers.get("origin");
  if (origin === null) return null;
  if (sameOrigin(origin, req, appUrl)) return null;
  return `a request from ${origin.slice(0, 200)}`;
}

function sameOrigin(origin: string, req: Request, appUrl?: string): boolean {
  let from: URL;
  try {
    from = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file:) and anything unparsable
  }
  if (appUrl) {
    try {
      if (from.origin === new URL(appUrl).origin) return true;
    } catch {
      // an unusable NEXTAUTH_URL: fall back to the request's own host
    }
  }
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  return !!host && from.host === host.split(",")[0].trim().toLowerCase();
}
