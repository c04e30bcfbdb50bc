#!/usr/bin/env node
// Runs `prisma generate` offline. Prisma 7's CLI insists that a native schema engine exists before it
// generates, and would download one from binaries.prisma.sh (unreachable here). Generation itself needs
// no engine, so we point PRISMA_SCHEMA_ENGINE_BINARY at a stub that refuses to run. Migrations go through
// scripts/db.ts (Prisma's WebAssembly schema engine) instead.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
if (!existsSync(path.join(root, "prisma", "schema"))) process.exit(0);
const stub = path.join(root, "scripts", "no-schema-engine.sh");
const bin = path.join(root, "node_modules", "prisma", "build", "index.js");
const result = spawnSync(process.execPath, [bin, "generate"], {
  cwd: root,
  stdio: ["ignore", "pipe", "inherit"],
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: stub, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
});
if (result.status !== 0) {
  process.stdout.write(result.stdout ?? "");
  process.exit(result.status ?? 1);
}
