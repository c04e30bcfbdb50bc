import { defineConfig } from "prisma/config";

// Prisma 7 reads no .env by itself. Only `prisma generate` is used (it needs no database);
// migrations run through scripts/db.ts and Prisma's WebAssembly schema engine.
export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
