import { prisma } from "@/lib/db";
import { env } from "@/lib/env";
import { verifyPassword } from "@/lib/auth/password";
import { recordSignIn } from "@/lib/auth/record-sign-in";
import { clientAddress } from "@/lib/auth/client-address";
import { BusyError, Semaphore } from "@/lib/auth/semaphore";
import { signInOutcome } from "@/lib/auth/sign-in-outcome";
import { passwordSignInAllowed } from "@/lib/auth/sso-config";
import { forgetSignInAttempt, recordSignInSuccess, reserveSignInAttempt } from "@/lib/auth/throttle";

// Error codes the sign-in page turns into sentences (components/auth/sign-in-form.tsx); the auth
// route answers the throttled one with 429 and the busy one with 503 (app/api/auth/[...nextauth]).
export const SIGN_IN_ERRORS = {
  invalid: "CredentialsSignin",
  deactivated: "AccountDeactivated",
  throttled: "TooManyAttempts",
  busy: "SignInBusy",
  passwordOff: "PasswordSignInOff",
  ssoNoRole: "SsoNoRole",
  ssoConflict: "SsoAccountConflict",
  ssoNoEmail: "SsoNoEmail",
} as const;

export class SignInRefused extends Error {
  constructor(
    readonly code: (typeof SIGN_IN_ERRORS)[keyof typeof SIGN_IN_ERRORS],
    readonly retryAfterSeconds?: number,
  ) {
    super(code);
    const outcome = signInOutcome.getStore();
    if (outcome && retryAfterSeconds) outcome.retryAfterSeconds = retryAfterSeconds;
  }
}

// Compared against when the email is unknown, so that a miss costs as long as a wrong password.
const DUMMY_HASH = "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

// scrypt (N=2^15) takes ~32 MB and tens of milliseconds of a libuv thread. Two at a time leaves the
// rest of the pool to file and network work; a short queue absorbs bursts; the rest get 503.
export const passwordChecks = new Semaphore(2, 16, 3000);

export interface AuthorizeSignInOptions {
  email: string;
  password: string;
  /** The sign-in request's headers (for the client address). */
  headers: Headers | Record<string, string | string[] | undefined>;
  now?: Date;
}

/**
 * Checks an email and password. Refuses (SignInRefused) when a throttle window is full, when the
 * server is too busy hashing, or for a deactivated account; returns null for a wrong email or password.
 */
export async function authorizeSignIn({ email, password, headers, now = new Date() }: AuthorizeSignInOptions) {
  const subject = { email, address: clientAddress(headers, env().TRUST_PROXY_HOPS) };
  const verdict = await reserveSignInAttempt(subject, now);
  if (!verdict.allowed) throw new SignInRefused(SIGN_IN_ERRORS.throttled, verdict.retryAfterSeconds);
  const user = await prisma.user.findUnique({ where: { email } });
  let ok: boolean;
  try {
    ok = await passwordChecks.run(() => verifyPassword(password, user?.passwordHash || DUMMY_HASH));
  } catch (err) {
    if (!(err instanceof BusyError)) throw err;
    await forgetSignInAttempt(subject);
    throw new SignInRefused(SIGN_IN_ERRORS.busy, 5);
  }
  if (!user || !ok) return null;
  if (!user.active) throw new SignInRefused(SIGN_IN_ERRORS.deactivated);
  // With PASSWORD_SIGN_IN=off: only auditors and break-glass admins (checked after the password, so that
  // the refusal tells nothing to someone who does not know it).
  if (!passwordSignInAllowed(user)) throw new SignInRefused(SIGN_IN_ERRORS.passwordOff);
  await recordSignInSuccess(subject);
  await recordSignIn(user.id);
  return { id: user.id, email: user.email, name: user.name, sv: user.sessionVersion };
}
