// The supervisor behind `npm start`: a child killed with SIGKILL is logged and started again; one that
// keeps crashing makes the supervisor give up (npm start then stops everything with a non-zero exit).
import type { ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { Supervisor, defaultBackoff } from "./children";

const node = process.execPath;
const quiet = { stdio: "ignore" as const };
let supervisors: Supervisor[] = [];
afterEach(async () => {
  await Promise.all(supervisors.map((s) => s.stopAll(1000)));
  supervisors = [];
});

function supervise(options: ConstructorParameters<typeof Supervisor>[0]) {
  const s = new Supervisor(options);
  supervisors.push(s);
  return s;
}

/** Resolves with the next `count` children the process starts (including the one already running). */
function nextStarts(proc: ReturnType<Supervisor["start"]>, count: number): Promise<ChildProcess[]> {
  const seen: ChildProcess[] = proc.child ? [proc.child] : [];
  return new Promise((resolve) => {
    if (seen.length >= count) return resolve(seen);
    proc.onStart((child) => {
      seen.push(child);
      if (seen.length === count) resolve(seen);
    });
  });
}

const alive = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.pid ? resolve() : child.once("spawn", () => resolve())));

describe("supervised children", () => {
  it("restarts a child killed with SIGKILL, says so, and keeps the others running", async () => {
    const lines: string[] = [];
    const gaveUp: string[] = [];
    const s = supervise({ backoffMs: () => 50, log: (l) => lines.push(l), onGiveUp: (r) => gaveUp.push(r) });
    const web = s.start("web server", node, ["-e", "setInterval(() => {}, 1000)"], quiet);
    const worker = s.start("worker", node, ["-e", "setInterval(() => {}, 1000)"], quiet);
    const [first] = await nextStarts(web, 1);
    await alive(first);
    const workerPid = worker.child!.pid;

    const restarted = nextStarts(web, 2);
    process.kill(first.pid!, "SIGKILL");
    const [, second] = await restarted;
    await alive(second);

    expect(second.pid).not.toBe(first.pid);
    expect(second.exitCode).toBeNull();
    expect(web.starts).toBe(2);
    expect(lines.join("\n")).toMatch(
      /The web server stopped unexpectedly \(killed by SIGKILL\); restarting it in 0\.1 s \(crash 1 of 5/,
    );
    expect(worker.starts).toBe(1);
    expect(worker.child!.pid).toBe(workerPid);
    expect(worker.child!.exitCode).toBeNull();
    expect(gaveUp).toEqual([]);
  });

  it("gives up after five crashes within the window and starts nothing more", async () => {
    const lines: string[] = [];
    let proc: ReturnType<Supervisor["start"]> | undefined;
    const reason = await new Promise<string>((resolve) => {
      const s = supervise({ backoffMs: () => 10, log: (l) => lines.push(l), onGiveUp: resolve });
      proc = s.start("worker", node, ["-e", "process.exit(3)"], quiet);
    });
    expect(reason).toMatch(/^the worker crashed 5 times within 60 s \(last: exit code 3\); giving up$/);
    expect(lines.filter((l) => l.includes("restarting it"))).toHaveLength(4);
    expect(proc!.starts).toBe(5);
  });

  it("forgets crashes older than the window, so an occasional crash never adds up to giving up", async () => {
    const gaveUp: string[] = [];
    const s = supervise({ windowMs: 1, backoffMs: () => 20, log: () => undefined, onGiveUp: (r) => gaveUp.push(r) });
    const proc = s.start("worker", node, ["-e", "setTimeout(() => process.exit(1), 30)"], quiet);
    await nextStarts(proc, 8);
    expect(gaveUp).toEqual([]);
    expect(proc.crashes.length).toBeLessThan(5);
  });

  it("backs off 1 s, 2 s, 4 s… up to 30 s", () => {
    expect([1, 2, 3, 4, 5, 9].map(defaultBackoff)).toEqual([1000, 2000, 4000, 8000, 16_000, 30_000]);
  });

  it("does not restart what it was asked to stop", async () => {
    const lines: string[] = [];
    const s = supervise({ backoffMs: () => 10, log: (l) => lines.push(l) });
    const proc = s.start("web server", node, ["-e", "setInterval(() => {}, 1000)"], quiet);
    await alive(proc.child!);
    await s.stopAll(1000);
    expect(proc.child!.signalCode).toBe("SIGTERM");
    expect(proc.starts).toBe(1);
    expect(lines).toEqual([]);
  });
});
