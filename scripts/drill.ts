// npm run drill [-- --project <slug>] [--rto-target <seconds>]: Proofline's own restore drill. Dumps the
// database (pg_dump, or a logical copy where no pg_dump fits the server, e.g. the embedded one),
// restores it into a scratch database, checks every table's row count and the activity trail on the
// copy, measures the time, and records the result as restore-drill evidence (PASS, or FAIL with the
// reason; over the RTO target fails) in the project given (default DRILL_PROJECT). Exit 0 when the
// drill passed, 1 when it failed (the evidence is recorded either way), 2 when it could not be recorded.
import "./lib/load-env";
import { resolveDatabase } from "./lib/database";

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const db = await resolveDatabase();
  process.env.DATABASE_URL = db.url;
  try {
    const { env } = await import("../lib/env");
    const project = option("--project") ?? env().DRILL_PROJECT;
    const target = Number(option("--rto-target") ?? env().DRILL_RTO_TARGET_SECONDS);
    if (!project) {
      console.error(
        "Name the project the drill's evidence goes to: npm run drill -- --project <slug> (or set DRILL_PROJECT).",
      );
      return 2;
    }
    if (!Number.isInteger(target) || target < 1) {
      console.error("--rto-target must be a whole number of seconds.");
      return 2;
    }
    const { runRestoreDrill } = await import("../lib/drill/run-restore-drill");
    const { recordRestoreDrill } = await import("../lib/drill/record-restore-drill");
    const result = await runRestoreDrill({ sourceUrl: db.url });
    for (const line of result.log) console.log(`  ${line}`);
    const evidence = await recordRestoreDrill({
      result,
      projectSlug: project,
      rtoTargetSeconds: target,
      now: new Date(),
    });
    console.log(
      `Restore drill ${evidence.outcome}: ${result.seconds} s against a ${target} s RTO target (${result.method ?? "no method"}). Evidence ${evidence.id} in ${project}.`,
    );
    if (result.reason) console.log(`Reason: ${result.reason}`);
    return evidence.outcome === "PASS" ? 0 : 1;
  } catch (err) {
    console.error(`The drill could not be recorded: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  } finally {
    const { disconnectDb } = await import("../lib/db");
    await disconnectDb();
    await db.stop();
  }
}

main().then((code) => process.exit(code));
