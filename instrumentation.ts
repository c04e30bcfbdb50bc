// Runs once when the server starts (Next's instrumentation hook). A production server refuses to start
// while an account with the published demo password exists, unless the deployment is the demo
// (lib/auth/demo-accounts.ts). Node.js only: the check needs the database.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NODE_ENV !== "production") return;
  const { refuseDemoAccountsAtStartup } = await import("@/lib/auth/demo-accounts");
  await refuseDemoAccountsAtStartup();
}
