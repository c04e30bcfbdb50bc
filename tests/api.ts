// Calls route handlers directly, the way Next would: a NextRequest with a real (encrypted, signed)
// session cookie or bearer token. Lets integration tests check status codes and problem bodies.
import { NextRequest } from "next/server";
import { encode } from "next-auth/jwt";
import { prisma } from "@/lib/db";

type Handler = (req: NextRequest, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

export async function sessionCookie(userId: string): Promise<string> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { sessionVersion: true, email: true },
  });
  const token = await encode({
    token: { sub: userId, sv: user.sessionVersion, email: user.email },
    secret: process.env.NEXTAUTH_SECRET!,
  });
  return `next-auth.session-token=${token}`;
}

export interface CallOptions {
  method?: string;
  path?: string;
  params?: Record<string, string>;
  body?: unknown;
  rawBody?: BodyInit;
  headers?: Record<string, string>;
  asUser?: string;
  bearer?: string;
}

// Tests read response bodies as loose JSON and assert on their fields.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type JsonBody = any;

export async function call(
  handler: Handler,
  opts: CallOptions = {},
): Promise<{ status: number; body: JsonBody; headers: Headers }> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.asUser) headers.cookie = await sessionCookie(opts.asUser);
  if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
  let body: BodyInit | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers["content-type"] ??= "application/json";
  }
  const req = new NextRequest(new URL(opts.path ?? "/api/test", "http://localhost"), {
    method: opts.method ?? "GET",
    headers,
    body,
    ...(body ? { duplex: "half" } : {}),
  } as ConstructorParameters<typeof NextRequest>[1]);
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  return { status: res.status, body: parsed, headers: res.headers };
}
