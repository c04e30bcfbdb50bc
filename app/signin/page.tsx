import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { safeCallback } from "@/lib/auth/safe-callback";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SetPasswordForm } from "@/components/auth/set-password-form";
import { ssoConfig } from "@/lib/auth/sso-config";
import { env } from "@/lib/env";
import { Logo } from "@/components/shell/logo";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const reason = typeof params.reason === "string" ? params.reason : undefined;
  const errorCode = typeof params.error === "string" ? params.error.slice(0, 40) : undefined;
  // An invited auditor's one-time link (lib/users/invite-auditor.ts) opens this page in "set password" mode.
  const invite = typeof params.invite === "string" && params.invite.length <= 200 ? params.invite : undefined;
  const sso = ssoConfig();
  return (
    <main className="auth-page">
      <div className="auth-card">
        <div className="brand">
          <Logo size={26} on="light" />
          Proofline
        </div>
        <h1>{invite ? "Set your password" : "Sign in"}</h1>
        <p className="muted small">Compliance evidence, readiness and auditor packets.</p>
        {invite ? (
          <SetPasswordForm token={invite} />
        ) : (
          <SignInForm
            callbackUrl={callbackUrl}
            reason={reason}
            errorCode={errorCode}
            ssoName={sso?.displayName}
            passwordRestricted={env().PASSWORD_SIGN_IN === "off"}
          />
        )}
      </div>
    </main>
  );
}
