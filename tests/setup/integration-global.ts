// Vitest global set-up for the integration tier: one migrated template database per run (with
// reference data loaded); each test file then clones its own database from it (integration.ts).
import { randomBytes } from "node:crypto";
import { readdirSync, rmSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { deployMigrations } from "../../scripts/lib/migrate";
import { createDatabase, dropDatabasesWithPrefix, startTestServer } from "./test-server";

declare module "vitest" {
  export interface ProvidedContext {
    dbAdminUrl: string;
    dbTemplate: string;
    dbPrefix: string;
  }
}

export default async function setup(project: TestProject) {
  const server = await startTestServer();
  const prefix = `proofline_it_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const template = `${prefix}_template`;
  const templateUrl = await createDatabase(server.adminUrl, template);
  await deployMigrations(templateUrl);
  // Reference data (catalogues, starter controls) runs through the app's own code.
  const savedUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = templateUrl;
  const { loadReferenceData } = await import("../../lib/seed/reference");
  const { disconnectDb } = await import("../../lib/db");
  await loadReferenceData();
  await disconnectDb();
  if (savedUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedUrl;

  project.provide("dbAdminUrl", server.adminUrl);
  project.provide("dbTemplate", template);
  project.provide("dbPrefix", prefix);
  return async () => {
    await dropDatabasesWithPrefix(server.adminUrl, prefix);
    // Each test file stored its blobs under .data/test-blobs/<its database name>.
    try {
      for (const dir of readdirSync(".data/test-blobs"))
        if (dir.startsWith(prefix)) rmSync(`.data/test-blobs/${dir}`, { recursive: true, force: true });
    } catch {
      // no blobs written
    }
    await server.stop();
  };
}
