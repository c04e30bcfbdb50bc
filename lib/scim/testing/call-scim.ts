// Sends a SCIM request to the route handlers in-process, the way Next would after the /scim/v2 rewrite.
import * as users from "@/app/api/scim/v2/Users/route";
import * as user from "@/app/api/scim/v2/Users/[id]/route";
import * as groups from "@/app/api/scim/v2/Groups/route";
import * as group from "@/app/api/scim/v2/Groups/[id]/route";
import { call } from "@/tests/api";
import type { ScimFixtureRequest } from "@/lib/scim/testing/fixtures";

type Handler = Parameters<typeof call>[0];

export async function callScim(req: ScimFixtureRequest, token: string | null) {
  const url = new URL(req.path, "http://localhost");
  const m = /^\/scim\/v2\/(Users|Groups)(?:\/([^/]+))?$/.exec(url.pathname);
  if (!m) throw new Error(`Not a SCIM path: ${req.path}`);
  const mod = (m[1] === "Users" ? (m[2] ? user : users) : m[2] ? group : groups) as Record<string, Handler | undefined>;
  const handler = mod[req.method];
  if (!handler) return { status: 405, body: null, headers: new Headers() };
  return call(handler, {
    method: req.method,
    path: `/api${url.pathname}${url.search}`,
    params: m[2] ? { id: decodeURIComponent(m[2]) } : {},
    body: req.body,
    headers: {
      ...(req.body !== undefined ? { "content-type": "application/scim+json" } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
  });
}
