"use client";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";

// The provider id next-auth knows single sign-on by (lib/auth/options.ts).
const OIDC_PROVIDER_ID = "oidc";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "The email or password is incorrect.",
  AccountDeactivated: "This account has been deactivated. Ask an admin to reactivate it.",
  TooManyAttempts: "Too many sign-in attempts. Wait 15 minutes and try again, or ask an admin to unlock your account.",
  SignInBusy: "Proofline is checking many sign-ins right now. Try again in a few seconds.",
  PasswordSignInOff: "Password sign-in is turned off for your account. Sign in with single sign-on.",
  SsoNoRole:
    "Your identity provider does not give you access to Proofline (none of your groups has a Proofline role). Ask your administrator.",
  SsoAccountConflict: "This email belongs to a Proofline account linked to another identity. Ask an admin.",
  SsoNoEmail: "Your identity provider did not send an email address, so no account could be made.",
  OAuthSignin:
    "Single sign-on could not be started. Try again, or ask an admin to check the identity provider settings.",
  OAuthCallback: "Single sign-on did not complete. Try again.",
  Callback: "Single sign-on did not complete. Try again.",
  AccessDenied: "Your identity provider refused the sign-in.",
};

/** The sentence for an error code in the sign-in page's URL (?error=), or null for none. */
export function signInErrorMessage(code: string | undefined): string | null {
  if (!code) return null;
  return MESSAGES[code] ?? "Sign-in failed. Please try again.";
}

const REASONS: Record<string, string> = {
  session: "Your session has ended. Sign in again to continue.",
  "signed-out": "You have signed out.",
};

export interface SignInFormProps {
  callbackUrl: string;
  reason?: string;
  /** An error code next-auth put in the URL after a single sign-on attempt. */
  errorCode?: string;
  /** The identity provider's display name when single sign-on is configured. */
  ssoName?: string;
  /** PASSWORD_SIGN_IN=off: the password form is for auditors and break-glass admins only. */
  passwordRestricted?: boolean;
}

export function SignInForm({ callbackUrl, reason, errorCode, ssoName, passwordRestricted }: SignInFormProps) {
  const [error, setError] = useState<string | null>(() => signInErrorMessage(errorCode));
  const [ssoPending, setSsoPending] = useState(false);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    try {
      const res = await signIn("credentials", {
        email: String(form.get("email")),
        password: String(form.get("password")),
        redirect: false,
      });
      if (res?.ok && !res.error) {
        window.location.assign(callbackUrl);
        return;
      }
      setError(MESSAGES[res?.error ?? ""] ?? "Sign-in failed. Please try again.");
    } catch {
      setError("Proofline could not be reached. Check your connection and try again.");
    }
    setPending(false);
  }

  async function onSso() {
    setSsoPending(true);
    setError(null);
    try {
      await signIn(OIDC_PROVIDER_ID, { callbackUrl });
    } catch {
      setError("Proofline could not be reached. Check your connection and try again.");
      setSsoPending(false);
    }
  }

  return (
    <div className="stack">
      {ssoName ? (
        <>
          <button
            className="btn btn-primary"
            type="button"
            onClick={onSso}
            disabled={ssoPending}
            data-testid="sso-sign-in"
          >
            {ssoPending ? "Redirecting…" : `Sign in with ${ssoName}`}
          </button>
          <p className="muted small">
            {passwordRestricted
              ? "Auditors and break-glass admins sign in with email and password:"
              : "Or with your email and password:"}
          </p>
        </>
      ) : null}
      <form className="stack" onSubmit={onSubmit} noValidate aria-label="Sign in with a Proofline account">
        {reason && REASONS[reason] && !error ? (
          <div className="alert alert-info" data-testid="signin-notice">
            {REASONS[reason]}
          </div>
        ) : null}
        {error ? (
          <div className="alert alert-error" role="alert" data-testid="login-error">
            {error}
          </div>
        ) : null}
        <Field label="Email">
          <input name="email" type="email" autoComplete="username" required autoFocus />
        </Field>
        <Field label="Password">
          <input name="password" type="password" autoComplete="current-password" required />
        </Field>
        <button className={ssoName ? "btn" : "btn btn-primary"} type="submit" disabled={pending}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </div>
  );
}
