// Shared by next.config.ts (refuses `next start` in production) and scripts. No imports: next.config loads it.

const PLACEHOLDERS = new Set(["", "change-me", "changeme", "secret", "replace-me", "development", "dev-secret"]);

/** Returns why the secret is unfit for production, or null when it is fine. */
export function productionSecretProblem(secret: string | undefined): string | null {
  if (secret === undefined || secret.trim() === "") {
    return "NEXTAUTH_SECRET is not set. Sessions are signed with it; without it anyone could forge one.";
  }
  if (PLACEHOLDERS.has(secret.trim().toLowerCase())) {
    return `NEXTAUTH_SECRET is the placeholder "${secret}". Generate a real one: openssl rand -base64 32`;
  }
  if (secret.length < 32) {
    return `NEXTAUTH_SECRET is ${secret.length} characters long; use at least 32 random characters (openssl rand -base64 32).`;
  }
  return null;
}
