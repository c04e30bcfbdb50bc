import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import { z } from "zod";
import { assertHolds, type RequestCtx } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import { readSessionToken, userForSession } from "@/lib/auth/session";
import { authenticateToken } from "@/lib/tokens/authenticate-token";
import { ForbiddenError, InvalidInputError, TooManyRequestsError, UnauthorizedError } from "@/lib/errors";
import { env } from "@/lib/env";
import { crossOriginProblem } from "@/lib/api/same-origin";
import { jsonResponse } from "@/lib/core/http/json";
import { problemResponse, toProblem } from "@/lib/core/http/problem";
import { JSON_BODY_LIMIT, readJsonBody } from "@/lib/core/http/read-body";
import { validate } from "@/lib/api/validate";

const EMPTY = z.strictObject({});
type Empty = typeof EMPTY;

export type AuthMode = "session" | "token" | "session-or-token" | "public";

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  /** Who may call: a signed-in user, a project token (Authorization: Bearer), either, or anyone. */
  auth: AuthMode;
  /** Checked before anything is parsed. Token callers also need it among their scopes. */
  permission?: Permission;
  params?: P;
  /** Should be a strict object: unknown query parameters are refused. */
  query?: Q;
  /** JSON body schema. Routes that stream a raw body read `req` themselves. */
  body?: B;
  bodyLimitBytes?: number;
}

export interface RouteInput<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  params: z.output<P>;
  query: z.output<Q>;
  body: z.output<B>;
  ctx: RequestCtx;
  req: NextRequest;
  requestId: string;
}

type RouteContext = { params: Promise<Record<string, string | string[] | undefined>> };

/**
 * The one wrapper for route handlers: request id, authentication, the declared permission, typed
 * params/query/body, and every thrown error translated to problem+json. Handlers stay thin: they
 * call one lib function and return its result (serialised as JSON) or a Response.
 */
export function defineRoute<P extends z.ZodType = Empty, Q extends z.ZodType = Empty, B extends z.ZodType = Empty>(
  spec: RouteSpec<P, Q, B>,
  handler: (input: RouteInput<P, Q, B>) => Promise<unknown>,
) {
  return async (req: NextRequest, context: RouteContext): Promise<Response> => {
    const requestId = requestIdOf(req);
    try {
      const ctx = await authenticate(req, spec.auth, requestId);
      if (spec.permission && ctx.actor.kind !== "system") assertHolds(ctx.actor, spec.permission);
      const params = validate((spec.params ?? EMPTY) as P, (await context.params) ?? {}, "params");
      const query = validate((spec.query ?? EMPTY) as Q, queryObject(req), "query");
      const body = spec.body
        ? validate(spec.body, await readJsonBody(req, spec.bodyLimitBytes ?? JSON_BODY_LIMIT), "body")
        : undefined;
      const result = await handler({ params, query, body: body as z.output<B>, ctx, req, requestId });
      const response = result instanceof Response ? result : jsonResponse(result);
      response.headers.set("x-request-id", requestId);
      return response;
    } catch (err) {
      return problemResponse(
        toProblem(err, requestId),
        err instanceof TooManyRequestsError ? { "retry-after": String(err.retryAfterSeconds) } : {},
      );
    }
  };
}

/**
 * The caller's X-Request-Id when it is a short token, else a new one. API routes are outside the
 * proxy's matcher (proxy.ts), so this is where an API request gets its id.
 */
export function requestIdOf(req: Request): string {
  const incoming = req.headers.get("x-request-id");
  return incoming && /^[\w.-]{1,100}$/.test(incoming) ? incoming : randomUUID();
}

function queryObject(req: NextRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of req.nextUrl.searchParams) {
    if (key in out)
      throw new InvalidInputError(`query.${key}: given more than once`, [
        { path: `query.${key}`, message: "given more than once" },
      ]);
    out[key] = value;
  }
  return out;
}

async function authenticate(req: NextRequest, mode: AuthMode, requestId: string): Promise<RequestCtx> {
  if (mode === "public") return { actor: { kind: "system", label: "anonymous" }, requestId };
  const authorization = req.headers.get("authorization");
  if (authorization && mode !== "session") {
    const token = await authenticateToken(authorization);
    return { actor: { kind: "token", token }, requestId };
  }
  if (mode === "token") throw new UnauthorizedError("Send a project token: Authorization: Bearer <token>.");
  const session = await readSessionToken(req.headers.get("cookie"));
  if (!session) throw new UnauthorizedError("Sign in to use this endpoint.");
  // A session cookie rides along with any request the browser makes: state changes must come from the app's own pages.
  const crossOrigin = crossOriginProblem(req, env().NEXTAUTH_URL);
  if (crossOrigin)
    throw new ForbiddenError(
      `Refused ${crossOrigin}: changes made with a session must come from Proofline's own pages.`,
    );
  const user = await userForSession(session.userId, session.sessionVersion);
  if (!user)
    throw new UnauthorizedError(
      "Your session is no longer valid (the account was deactivated or its sessions revoked). Sign in again.",
    );
  return { actor: { kind: "user", user }, requestId };
}
