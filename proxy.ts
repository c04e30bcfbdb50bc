import { NextResponse, type NextRequest } from "next/server";
import { getToken } from "next-auth/jwt";
import { contentSecurityPolicy, newNonce } from "./lib/csp";

// Runs before every page request (API routes are outside the matcher, see config below). Pages need a
// session, except:
const PUBLIC = [/^\/signin(?:\/|$)/, /^\/cli\//];

// Route handlers and pages re-check the user against the database (deactivation, role); this layer
// only turns away requests that carry no valid session at all.
export default async function proxy(req: NextRequest) {
  const incoming = req.headers.get("x-request-id");
  const requestId = incoming && /^[\w.-]{1,100}$/.test(incoming) ? incoming : crypto.randomUUID();
  const headers = new Headers(req.headers);
  headers.set("x-request-id", requestId);
  // A nonce per request: Next reads it from the request's CSP header and stamps its own scripts with it.
  const csp = contentSecurityPolicy(newNonce(), { dev: process.env.NODE_ENV === "development" });
  headers.set("content-security-policy", csp);
  const pass = () => {
    const res = NextResponse.next({ request: { headers } });
    res.headers.set("x-request-id", requestId);
    res.headers.set("content-security-policy", csp);
    return res;
  };

  const { pathname, search } = req.nextUrl;
  if (PUBLIC.some((p) => p.test(pathname))) return pass();
  const token = await getToken({ req, secret: process.env.NEXTAUTH_SECRET });
  if (token) return pass();

  const url = req.nextUrl.clone();
  url.pathname = "/signin";
  url.search = `?callbackUrl=${encodeURIComponent(pathname + search)}`;
  return NextResponse.redirect(url);
}

// /api/ is left out on purpose (and /scim/, rewritten to /api/scim/ in next.config.ts): Next buffers the body of every request the proxy runs for, in memory,
// and cuts it at 10 MB (proxyClientMaxBodySize). Every API route authenticates itself and stamps its
// request id in defineRoute (lib/api/handler.ts), and reads its body as a stream up to its own limit.
// docs/adr/0007-request-bodies-bypass-the-proxy.md says why.
export const config = {
  matcher: ["/((?!api/|scim/|_next/static|_next/image|icon.svg|favicon.ico|robots.txt).*)"],
};
