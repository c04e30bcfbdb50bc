// Runs before each integration test file, in its worker: gives the file a fresh database cloned from
// the migrated template, and points DATABASE_URL (and so `prisma` from @/lib/db) at it.
import { randomBytes } from "node:crypto";
import { afterAll, inject } from "vitest";
import { createDatabase } from "./test-server";

const name = `${inject("dbPrefix")}_${randomBytes(4).toString("hex")}`;
process.env.DATABASE_URL = await createDatabase(inject("dbAdminUrl"), name, inject("dbTemplate"));
process.env.NEXTAUTH_SECRET ??= "integration-tests-only-secret-0123456789abcdef";
process.env.BLOB_DIR ??= `.data/test-blobs/${name}`;

afterAll(async () => {
  // A file that queued a job (a packet, a population) started the job client: stop it too.
  const { stopBoss } = await import("@/lib/jobs/boss");
  await stopBoss();
  const { disconnectDb } = await import("@/lib/db");
  await disconnectDb();
});
