// The production app as users run it: `next start` from the same build the Playwright tier uses, on a
// free port, against a database the caller prepared. Used by the served test tier (scripts/test.ts)
// and by bench:ingest. The server runs in the spawned process itself (`next start` does not fork), so
// its pid is the one whose memory /proc reports.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { buildIsCurrent, writeBuildStamp } from "../../scripts/lib/build-stamp";
import { run } from "../../scripts/lib/children";
import { freePort } from "../../scripts/lib/database";
import { WEB_SERVER_ENV, WEB_SERVER_NODE_FLAGS } from "../../scripts/lib/web-server-flags";

export const SERVED_DIST = ".next-e2e";
const NEXT_BIN = path.join("node_modules", "next", "dist", "bin", "next");

/** Builds the production app into distDir unless the build there is current (one build per run). */
export async function ensureProductionBuild(distDir: string, env: NodeJS.ProcessEnv): Promise<void> {
  if (buildIsCurrent(distDir)) return;
  console.log(`Building the app into ${distDir}…`);
  await run(process.execPath, [NEXT_BIN, "build"], { env: { ...env, NEXT_DIST_DIR: distDir, NODE_ENV: "production" } });
  writeBuildStamp(distDir);
}

export interface ServedApp {
  url: string;
  pid: number;
  /** Peak resident memory of the web server since it started (VmHWM), in bytes. */
  peakRss(): number;
  /** Resident memory of the web server now (VmRSS), in bytes. */
  rss(): number;
  stop(): Promise<void>;
}

function statusField(pid: number, field: "VmHWM" | "VmRSS"): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!m) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(m[1]) * 1024;
}

export async function startServedApp(opts: {
  distDir: string;
  env: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}): Promise<ServedApp> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // With the same node flags as `npm start` gives the web server.
  const child: ChildProcess = spawn(
    process.execPath,
    [...WEB_SERVER_NODE_FLAGS, NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      env: { ...opts.env, ...WEB_SERVER_ENV, NEXT_DIST_DIR: opts.distDir, NODE_ENV: "production", NEXTAUTH_URL: url },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) {
      if (!line) continue;
      output.push(line);
      if (output.length > 200) output.shift();
      opts.log?.(line);
    }
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let exited = false;
  child.on("exit", () => (exited = true));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited) throw new Error(`next start exited before it answered:\n${output.join("\n")}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`next start did not answer /api/health within 90 s:\n${output.join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  const pid = child.pid!;
  return {
    url,
    pid,
    peakRss: () => statusField(pid, "VmHWM"),
    rss: () => statusField(pid, "VmRSS"),
    async stop() {
      if (exited) return;
      const done = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await done;
      clearTimeout(timer);
    },
  };
}
