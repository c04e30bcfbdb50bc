"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/ui/field";
import { apiFetch } from "@/lib/client/api";
import { describeError } from "@/lib/client/describe-error";

/** The form an invited auditor reaches through their one-time link (/signin?invite=…). */
export function SetPasswordForm({ token }: { token: string }) {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get("password"));
    if (password !== String(form.get("confirm"))) {
      setError("The two passwords differ.");
      return;
    }
    setPending(true);
    setError(null);
    try {
      const res = await apiFetch<{ email: string }>("/api/auth/set-password", {
        method: "POST",
        body: { token, password },
      });
      setDone(res.email);
    } catch (err) {
      setError(describeError(err));
    }
    setPending(false);
  }

  if (done) {
    return (
      <div className="stack">
        <div className="alert alert-info" data-testid="password-set">
          Your password is set. Sign in as {done}.
        </div>
        <Link className="btn btn-primary" href="/signin">
          Go to sign-in
        </Link>
      </div>
    );
  }
  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-label="Set your password">
      <p className="muted small">
        You were invited to an audit in Proofline. Choose a password (at least 12 characters, not a common one).
      </p>
      {error ? (
        <div className="alert alert-error" role="alert" data-testid="set-password-error">
          {error}
        </div>
      ) : null}
      <Field label="New password">
        <input name="password" type="password" autoComplete="new-password" required minLength={10} />
      </Field>
      <Field label="Repeat the password">
        <input name="confirm" type="password" autoComplete="new-password" required minLength={10} />
      </Field>
      <button className="btn btn-primary" type="submit" disabled={pending}>
        {pending ? "Saving…" : "Set password"}
      </button>
    </form>
  );
}
