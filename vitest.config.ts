import path from "node:path";
import { defineConfig } from "vitest/config";

// Three tiers: `unit` (pure logic, colocated *.test.ts), `integration` (*.int.test.ts, each test
// file in a fresh database cloned from a migrated template: see tests/setup/integration.ts) and
// `conformance` (*.conformance.test.ts: the parsers against the shared corpus and seed documents in
// ../shared beside the repository; scripts/test.ts runs it only when that folder is there, and requires
// it under CI). Unit and integration tests read only fixtures that live in the repository.
const alias = { "@": path.resolve(import.meta.dirname) };
const exclude = ["node_modules/**", ".next/**", "generated/**", ".data/**", "e2e/**"];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          environment: "node",
          include: ["**/*.test.ts", "**/*.test.tsx"],
          exclude: [...exclude, "**/*.int.test.ts", "**/*.conformance.test.ts"],
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          environment: "node",
          include: ["**/*.int.test.ts"],
          exclude: [...exclude, "**/*.conformance.test.ts"],
          globalSetup: ["tests/setup/integration-global.ts"],
          setupFiles: ["tests/setup/integration.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          maxWorkers: 2,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "conformance",
          environment: "node",
          include: ["**/*.conformance.test.ts"],
          exclude,
          testTimeout: 60_000,
        },
      },
      {
        // tests/served/*.served.ts: through `next start`; scripts/test.ts (tier "served") starts it.
        resolve: { alias },
        test: {
          name: "served",
          environment: "node",
          include: ["tests/served/**/*.served.ts"],
          exclude,
          testTimeout: 600_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // tests/multi/*.multi.ts: two web servers and two workers from deploy/Procfile; scripts/test.ts (tier "multi") prepares them.
        resolve: { alias },
        test: {
          name: "multi",
          environment: "node",
          include: ["tests/multi/**/*.multi.ts"],
          exclude,
          testTimeout: 600_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
