"use client";

// next-auth's client module is loaded when the button is pressed, not with every signed-in page.
async function signOut() {
  const { signOut } = await import("next-auth/react");
  await signOut({ callbackUrl: "/signin?reason=signed-out" });
}

export function SignOutButton() {
  return (
    <button type="button" className="btn btn-small" data-testid="sign-out" onClick={() => void signOut()}>
      Sign out
    </button>
  );
}
