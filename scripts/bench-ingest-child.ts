// One measurement of `npm run bench:ingest`, alone in its own process so that its peak memory (max
// RSS) is its own. "idle": the ingest code loaded and connected, nothing ingested (the baseline);
// "parse": parse a JUnit file only; "ingest": the whole ingest operation on it. The clock starts after
// loading and connecting. Prints one JSON line: { seconds, peakMb, result }.
import { createReadStream } from "node:fs";
import { parseJunit } from "../lib/ingest/junit";
import { runMain } from "./lib/run-main";

const [mode, file] = process.argv.slice(2);
const open = () => createReadStream(file, { highWaterMark: 64 * 1024 });

async function main() {
  let work: () => Promise<string>;
  if (mode === "parse") {
    work = async () => {
      const r = await parseJunit(open());
      return `${(r.summary.tests as number).toLocaleString("en-US")} tests, ${(r.summary.failed as number).toLocaleString("en-US")} failed`;
    };
  } else {
    const { ingestEvidence } = await import("../lib/evidence/ingest-evidence");
    const { authenticateToken } = await import("../lib/tokens/authenticate-token");
    const token = await authenticateToken(`Bearer ${process.env.BENCH_SECRET}`);
    work =
      mode === "idle"
        ? async () => "idle"
        : async () => {
            const r = await ingestEvidence({
              ctx: { actor: { kind: "token", token } },
              projectSlug: process.env.BENCH_PROJECT!,
              body: open(),
              meta: {},
              now: new Date(),
            });
            return `${r.status} ${r.format} ${r.outcome}`;
          };
  }
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ seconds, peakMb: process.resourceUsage().maxRSS / 1024, result }));
}

runMain(main, { print: "raw" });
