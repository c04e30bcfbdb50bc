import type { NextRequest } from "next/server";
import { env } from "@/lib/env";
import { requestIdOf } from "@/lib/api/handler";
import { JSON_BODY_LIMIT, readJsonBody } from "@/lib/core/http/read-body";
import { SCIM_CONTENT_TYPE, scimErrorResponse } from "@/lib/scim/errors";
import { parsePage, type Page } from "@/lib/scim/filter";
import { authenticateScim, type ScimPrincipal } from "@/lib/scim/tokens";

// The SCIM routes' wrapper (SCIM's counterpart of defineRoute): the token, the body, SCIM's content
// type and error shape. /scim/v2/* is rewritten to /api/scim/v2/* (next.config.ts) and kept out of the
// proxy (proxy.ts), so bodies are read here, as a stream, up to a limit.

export interface ScimInput {
  req: NextRequest;
  params: Record<string, string>;
  principal: ScimPrincipal;
  /** The app's public origin, for meta.location. */
  origin: string;
  requestId: string;
  body: unknown;
  filter: string | null;
  page: Page;
  /** false when the caller asked to leave members out (excludedAttributes=members). */
  withMembers: boolean;
}

type Ctx = { params: Promise<Record<string, string | string[] | undefined>> };

export function scimJson(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": SCIM_CONTENT_TYPE } });
}

export function scimRoute(handler: (input: ScimInput) => Promise<Response>, opts: { body?: boolean } = {}) {
  return async (req: NextRequest, context: Ctx): Promise<Response> => {
    const requestId = requestIdOf(req);
    try {
      const principal = await authenticateScim(req.headers.get("authorization"));
      const raw = (await context.params) ?? {};
      const params = Object.fromEntries(
        Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v.join("/") : (v ?? "")]),
      );
      const search = req.nextUrl.searchParams;
      const body = opts.body ? await readJsonBody(req, JSON_BODY_LIMIT) : undefined;
      const excluded = (search.get("excludedAttributes") ?? "")
        .toLowerCase()
        .split(",")
        .map((s) => s.trim());
      const res = await handler({
        req,
        params,
        principal,
        origin: env().NEXTAUTH_URL ?? req.nextUrl.origin,
        requestId,
        body,
        filter: search.get("filter"),
        page: parsePage(search),
        withMembers: !excluded.includes("members"),
      });
      res.headers.set("x-request-id", requestId);
      return res;
    } catch (err) {
      return scimErrorResponse(err, requestId);
    }
  };
}
