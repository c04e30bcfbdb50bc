import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { SIGN_IN_ERRORS } from "@/lib/auth/authorize-sign-in";
import { signInOutcome } from "@/lib/auth/sign-in-outcome";

// next-auth answers every refused credential sign-in with 401 and an error code in the URL it returns.
// A throttled attempt is re-labelled 429 and a refusal for load 503, each with Retry-After, so that
// clients and proxies see what happened.
const STATUS: Record<string, number> = { [SIGN_IN_ERRORS.throttled]: 429, [SIGN_IN_ERRORS.busy]: 503 };

async function handler(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) {
  const outcome: { retryAfterSeconds?: number } = {};
  const res: Response = await signInOutcome.run(outcome, () => NextAuth(req as never, ctx as never, authOptions()));
  if (res.status !== 401 || !outcome.retryAfterSeconds) return res;
  const body = await res.text();
  let code: string | null = null;
  try {
    code = new URL((JSON.parse(body) as { url: string }).url).searchParams.get("error");
  } catch {
    return new Response(body, res);
  }
  const status = code ? STATUS[code] : undefined;
  if (!status) return new Response(body, res);
  const headers = new Headers(res.headers);
  headers.set("retry-after", String(outcome.retryAfterSeconds));
  return new Response(body, { status, headers });
}

export { handler as GET, handler as POST };
