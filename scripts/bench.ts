// npm run bench: every benchmark in turn. Each prints its figures beside a baseline measured in the
// same run on the same machine (these machines are shared and noisy; absolute numbers vary).
import { run } from "./lib/children";

const BENCHES = [
  "bench:readiness",
  "bench:dashboard",
  "bench:web",
  "bench:ingest",
  "bench:packet",
  "bench:packet-served",
  "bench:import",
];

async function main() {
  const failed: string[] = [];
  for (const name of BENCHES) {
    console.log(`\n=== npm run ${name} ===`);
    try {
      await run("npm", ["run", "--silent", name]);
    } catch (err) {
      failed.push(name);
      console.error(err instanceof Error ? err.message : err);
    }
  }
  if (failed.length) {
    console.error(`\nFailed: ${failed.join(", ")}`);
    process.exit(1);
  }
}

void main();
