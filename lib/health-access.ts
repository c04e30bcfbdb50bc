import { readSessionToken, userForSession } from "@/lib/auth/session";

/** True when the request carries a live session of an admin: only they see why a health check is down. */
export async function callerIsAdmin(req: Request): Promise<boolean> {
  const session = await readSessionToken(req.headers.get("cookie")).catch(() => null);
  const user = session ? await userForSession(session.userId, session.sessionVersion).catch(() => null) : null;
  return user?.role === "ADMIN";
}
