"use client";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "The email or password is incorrect.",
  AccountDeactivated: "This account has been deactivated. Ask an admin to reactivate it.",
  TooManyAttempts: "Too many sign-in attempts. Wait 15 minutes and try again, or ask an admin to unlock your account.",
  SignInBusy: "Proofline is checking many sign-ins right now. Try again in a few seconds.",
};

const REASONS: Record<string, string> = {
  session: "Your session has ended. Sign in again to continue.",
  "signed-out": "You have signed out.",
};

export function SignInForm({ callbackUrl, reason }: { callbackUrl: string; reason?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    try {
      const res = await signIn("credentials", { email: String(form.get("email")), password: String(form.get("password")), redirect: false });
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

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
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
      <button className="btn btn-primary" type="submit" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
