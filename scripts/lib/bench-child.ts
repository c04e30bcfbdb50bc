// Runs the child half of the packet benches (lib/packets/bench-child.ts) in a process of its own, so
// that its peak memory is the build's alone, and reads its one-line JSON report. Used by bench:packet,
// bench:packet-served and bench:dashboard's busy scenario.
import { spawn } from "node:child_process";
import path from "node:path";

export interface ChildReport {
  pages: number;
  ms: number;
  /** The build's PDF stage alone. */
  renderMs?: number;
  maxRssMb: number;
  detail: string;
  /** The build's render processes: the largest one's peak, and how many ran at once. */
  childRssMb?: number;
  processes?: number;
  /** Where the build's time went, stage by stage. */
  stages?: Array<{ stage: string; ms: number }>;
  /** Pages laid out by react-pdf, and drawn directly. */
  split?: string;
  /** The PDF's size and the part of it that is embedded fonts (issue 18). */
  fonts?: string;
}

/** "build" runs the packet job as the worker does; "limit" draws the same pages with pdf-lib alone. */
export function benchChild(
  mode: "build" | "limit",
  env: NodeJS.ProcessEnv,
  id: string,
): { done: Promise<ChildReport>; running: () => boolean } {
  let alive = true;
  const proc = spawn(
    process.execPath,
    [path.join("node_modules", "tsx", "dist", "cli.mjs"), path.join("lib", "packets", "bench-child.ts"), mode, id],
    { env, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  let err = "";
  proc.stdout.on("data", (c: Buffer) => (out += c.toString()));
  // Kept for the error message, and its last part only: a long build can warn a lot.
  proc.stderr.on("data", (c: Buffer) => (err = (err + c.toString()).slice(-4000)));
  const done = new Promise<ChildReport>((resolve, reject) => {
    proc.on("exit", (code) => {
      alive = false;
      const line = out.trim().split("\n").pop() ?? "";
      if (code === 0 && line.startsWith("{")) resolve(JSON.parse(line) as ChildReport);
      else reject(new Error(`bench child (${mode}) exited with ${code}: ${(out + err).slice(-500)}`));
    });
  });
  return { done, running: () => alive };
}
