// npm run secrets:rotate: re-seals every stored secret (lib/secrets/stored-secrets.ts) with SECRETS_KEY,
// opening older values with SECRETS_KEY_PREVIOUS, and seals any still in plain text. Rotation:
//   1. SECRETS_KEY=<new>, SECRETS_KEY_PREVIOUS=<old> on every process, restart them;
//   2. npm run secrets:rotate;  3. remove SECRETS_KEY_PREVIOUS, restart. (docs/deploying.md)
import "./lib/load-env";
import { resolveDatabase } from "./lib/database";

async function main(): Promise<number> {
  const server = await resolveDatabase();
  process.env.DATABASE_URL = server.url;
  try {
    const { rotateSecrets } = await import("../lib/secrets/rotate-secrets");
    const r = await rotateSecrets();
    console.log(
      `Stored secrets sealed with key ${r.keyId}: ${r.resealed} re-sealed from a previous key, ${r.sealedFromPlainText} sealed from plain text, ${r.alreadyCurrent} already current.`,
    );
    return 0;
  } catch (err) {
    console.error(`secrets:rotate failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    const { disconnectDb } = await import("../lib/db");
    await disconnectDb();
    await server.stop();
  }
}

main().then((code) => process.exit(code));
