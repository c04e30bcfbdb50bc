// Starts Proofline as deploy/Procfile lists it: the release step once, then web and worker processes,
// each a real OS process with its own port, log and pid, against the database and S3 endpoint in the
// environment (scripts/test.ts, tier "multi", sets them). Used by tests/multi/*.multi.ts.
import { spawn, type ChildProcess } from "node:child_process";
import { commandOf, readProcfile, type ProcfileEntry } from "../../scripts/lib/procfile";
import { freePort } from "../../scripts/lib/database";

export interface ClusterProcess {
  name: string;
  type: string;
  pid: number;
  /** Web: its base URL; worker: its health URL. */
  url: string;
  output: string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
  /** Sends SIGTERM and waits for the exit. */
  terminate(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function entry(entries: ProcfileEntry[], type: string): ProcfileEntry {
  const e = entries.find((x) => x.type === type);
  if (!e) throw new Error(`deploy/Procfile has no "${type}" process`);
  return e;
}

function launch(name: string, e: ProcfileEntry, env: NodeJS.ProcessEnv, url: string): ClusterProcess {
  const cmd = commandOf(e, env);
  // As deployed: NODE_ENV=production for every process (vitest's own NODE_ENV=test is not passed on).
  const child: ChildProcess = spawn(cmd.command, cmd.args, {
    env: { ...env, NODE_ENV: "production", ...cmd.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString("utf8").split("\n")) if (line) output.push(line);
    if (output.length > 5000) output.splice(0, output.length - 5000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let done = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => {
      done = true;
      resolve({ code, signal });
    }),
  );
  return {
    name,
    type: e.type,
    pid: child.pid!,
    url,
    output,
    exited,
    hasExited: () => done,
    async terminate() {
      if (!done) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

async function waitUntilAnswering(p: ClusterProcess, path: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (p.hasExited()) throw new Error(`${p.name} exited before it was ready:\n${p.output.slice(-40).join("\n")}`);
    try {
      const res = await fetch(`${p.url}${path}`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`${p.name} was not ready within ${timeoutMs / 1000} s:\n${p.output.slice(-40).join("\n")}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Runs the Procfile's release step (migrations and reference data) to the end. */
export async function release(env: NodeJS.ProcessEnv): Promise<string[]> {
  const p = launch("release", entry(readProcfile(), "release"), env, "");
  const { code, signal } = await p.exited;
  if (code !== 0) throw new Error(`release failed (${signal ?? `exit ${code}`}):\n${p.output.slice(-40).join("\n")}`);
  return p.output;
}

export async function startWeb(name: string, env: NodeJS.ProcessEnv): Promise<ClusterProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const p = launch(
    name,
    entry(readProcfile(), "web"),
    { ...env, PORT: String(port), HOST: "127.0.0.1", NEXTAUTH_URL: env.NEXTAUTH_URL ?? url },
    url,
  );
  await waitUntilAnswering(p, "/api/health/ready");
  return p;
}

export async function startWorker(name: string, env: NodeJS.ProcessEnv): Promise<ClusterProcess> {
  const port = await freePort();
  const p = launch(
    name,
    entry(readProcfile(), "worker"),
    { ...env, WORKER_HEALTH_PORT: String(port) },
    `http://127.0.0.1:${port}`,
  );
  await waitUntilAnswering(p, "/health");
  return p;
}
