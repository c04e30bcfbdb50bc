// Runs once when the server starts (Next's instrumentation hook). A production server refuses to start
// while an account with the published demo password exists, unless the deployment is the demo
// (lib/auth/demo-accounts.ts). When the check cannot run (no database), it refuses too: fail closed.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NODE_ENV !== "production") return;
  const { assertNoDemoAccounts } = await import("@/lib/auth/demo-accounts");
  try {
    await assertNoDemoAccounts();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
