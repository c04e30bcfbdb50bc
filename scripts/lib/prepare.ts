// Brings a database up to date for the app: migrations, reference data (catalogues), and optionally
// the demo data (seeded once, into an empty database).
import { deployMigrations } from "./migrate";

export interface PrepareOptions {
  url: string;
  demo: boolean;
  log?: (line: string) => void;
}

export async function prepareDatabase({ url, demo, log = console.log }: PrepareOptions): Promise<void> {
  process.env.DATABASE_URL = url;
  const applied = await deployMigrations(url);
  if (applied.length) log(`Applied ${applied.length} migration(s).`);
  const { loadReferenceData } = await import("../../lib/seed/reference");
  await loadReferenceData(log);
  if (demo) {
    const { seedDemoData } = await import("../../lib/seed/demo");
    const { seeded } = await seedDemoData(log);
    if (seeded) log("Seeded the demo data.");
  }
  const { disconnectDb } = await import("../../lib/db");
  await disconnectDb();
}
