"use client";
import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" className="btn btn-small" data-testid="sign-out" onClick={() => void signOut({ callbackUrl: "/signin?reason=signed-out" })}>
      Sign out
    </button>
  );
}
