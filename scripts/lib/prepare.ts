// Brings a database up to date for the app: migrations, reference data (catalogues), and optionally
// the demo data (seeded once, into an empty database).
import { deployMigrations } from "./migrate";

export interface PrepareOptions {
  url: string;
  demo: boolean;
  log?: (line: string) => void;
}

export async function prepareDatabase({ url, demo, log = console.log }: PrepareOptions): Promise<void> {
  // The app's code reads DATABASE_URL through lib/env (parsed once) and one cached client: point both
  // at this database, whatever this process used before.
  const { disconnectDb } = await import("../../lib/db");
  const { resetEnvForTests } = await import("../../lib/env");
  await disconnectDb();
  process.env.DATABASE_URL = url;
  resetEnvForTests();
  const applied = await deployMigrations(url);
  if (applied.length) log(`Applied ${applied.length} migration(s).`);
  const { loadReferenceData } = await import("../../lib/seed/reference");
  await loadReferenceData(log);
  // Secrets stored in plain text by a release before they were sealed (lib/secret-box.ts) are sealed now.
  const { rotateSecrets } = await import("../../lib/secrets/rotate-secrets");
  const sealed = await rotateSecrets({ onlyPlainText: true });
  if (sealed.sealedFromPlainText) log(`Sealed ${sealed.sealedFromPlainText} stored secret(s) that were in plain text.`);
  if (demo) {
    const { seedDemoData } = await import("../../lib/seed/demo");
    const { seeded } = await seedDemoData(log);
    if (seeded) log("Seeded the demo data.");
  }
  await disconnectDb();
}

/**
 * Demo data is an explicit choice: `npm start` on the embedded database is the demo (unless
 * `--no-demo`); on a database named by DATABASE_URL only with `--demo`. Nobody gets a known password
 * in a real database by starting the app.
 */
export function demoChosen({ embedded, argv }: { embedded: boolean; argv: readonly string[] }): boolean {
  if (argv.includes("--demo")) return true;
  return embedded && !argv.includes("--no-demo");
}

export interface StartPreparation {
  demo: boolean;
  /** Accounts in the database (0: nobody can sign in until `npm run admin:create`). */
  users: number;
}

/**
 * What `npm start` does to the database before serving: migrations, reference data, the demo data
 * when chosen. Outside the demo it refuses (throws) when an account still has the published demo
 * password, as the production server would.
 */
export async function prepareForStart({
  url,
  embedded,
  argv,
  log = console.log,
}: {
  url: string;
  embedded: boolean;
  argv: readonly string[];
  log?: (line: string) => void;
}): Promise<StartPreparation> {
  const demo = demoChosen({ embedded, argv });
  await prepareDatabase({ url, demo, log });
  const { prisma, disconnectDb } = await import("../../lib/db");
  try {
    if (!demo) {
      const { assertNoDemoAccounts } = await import("../../lib/auth/demo-accounts");
      await assertNoDemoAccounts({ allowDemo: false });
    }
    return { demo, users: await prisma.user.count() };
  } finally {
    await disconnectDb();
  }
}
