import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";

// Runs before every request. Pages and API routes need a session, except:
const PUBLIC = [/^\/signin(?:\/|$)/, /^\/api\/auth\//, /^\/api\/health$/, /^\/cli\//];
// Endpoints that authenticate themselves in their route handler: evidence ingest and the readiness gate
// (project tokens), the GitHub webhook (signature) and the public API description. Any /api/v1 request carrying a bearer token also goes to its handler,
// which accepts the token only where the route allows tokens (defineRoute), else answers 401.
const SELF_AUTHENTICATED = [/^\/api\/v1\/projects\/[^/]+\/(?:evidence|github|readiness)(?:\/|$)/, /^\/api\/v1\/openapi\.json$/];

// Route handlers and pages re-check the user against the database (deactivation, role); this layer
// only turns away requests that carry no valid session at all.
export default async function proxy(req: NextRequest) {
  const incoming = req.headers.get("x-request-id");
  const requestId = incoming && /^[\w.-]{1,100}$/.test(incoming) ? incoming : crypto.randomUUID();
  const headers = new Headers(req.headers);
  headers.set("x-request-id", requestId);
  const pass = () => {
    const res = NextResponse.next({ request: { headers } });
    res.headers.set("x-request-id", requestId);
    return res;
  };

  const { pathname, search } = req.nextUrl;
  if (PUBLIC.some((p) => p.test(pathname)) || SELF_AUTHENTICATED.some((p) => p.test(pathname))) return pass();
  if (pathname.startsWith("/api/v1/") && /^Bearer\s/i.test(req.headers.get("authorization") ?? "")) return pass();
  const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET });
  if (token) return pass();

  if (pathname.startsWith("/api/")) {
    return new NextResponse(
      JSON.stringify({
        type: "urn:proofline:problem:unauthenticated",
        title: "Not signed in",
        status: 401,
        detail: "Sign in to use this endpoint.",
        requestId,
      }),
      { status: 401, headers: { "content-type": "application/problem+json", "x-request-id": requestId } },
    );
  }
  const url = req.nextUrl.clone();
  url.pathname = "/signin";
  url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|icon.svg|favicon.ico|robots.txt).*)"],
};
