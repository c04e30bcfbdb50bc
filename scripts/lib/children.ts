// Child processes for npm start: supervised (a crashed web server or worker is logged and restarted with
// backoff; after too many crashes in a short time everything stops with a non-zero exit), and stopped
// together on Ctrl-C, then cleanup runs.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

export interface SupervisorOptions {
  /** Give up when this many crashes happen within `windowMs` (default 5 in a minute). */
  maxCrashes?: number;
  windowMs?: number;
  /** Delay before the n-th restart of the current crash run (n = crashes in the window), in ms. */
  backoffMs?: (n: number) => number;
  log?: (line: string) => void;
  /** Called once when a process crashed too often; the supervisor stops restarting anything. */
  onGiveUp?: (reason: string) => void;
}

/** 1 s, 2 s, 4 s, 8 s…, at most 30 s. */
export const defaultBackoff = (n: number) => Math.min(1000 * 2 ** Math.max(0, n - 1), 30_000);

/** One supervised command: its current child, and how often it has been started. */
export class SupervisedProcess {
  child: ChildProcess | null = null;
  starts = 0;
  readonly crashes: number[] = [];
  private listeners: Array<(child: ChildProcess) => void> = [];

  constructor(
    readonly name: string,
    readonly command: string,
    readonly args: string[],
    readonly options: SpawnOptions,
  ) {}

  /** Calls `fn` with every child started from now on (the first one and each restart). */
  onStart(fn: (child: ChildProcess) => void): void {
    this.listeners.push(fn);
  }

  started(child: ChildProcess): void {
    this.child = child;
    this.starts += 1;
    for (const fn of this.listeners) fn(child);
  }
}

export class Supervisor {
  private readonly processes: SupervisedProcess[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopping = false;
  private gaveUp = false;
  private readonly maxCrashes: number;
  private readonly windowMs: number;
  private readonly backoffMs: (n: number) => number;
  private readonly log: (line: string) => void;
  private readonly onGiveUp: (reason: string) => void;

  constructor(options: SupervisorOptions = {}) {
    this.maxCrashes = options.maxCrashes ?? 5;
    this.windowMs = options.windowMs ?? 60_000;
    this.backoffMs = options.backoffMs ?? defaultBackoff;
    this.log = options.log ?? ((line) => console.log(line));
    this.onGiveUp = options.onGiveUp ?? (() => undefined);
  }

  start(name: string, command: string, args: string[], options: SpawnOptions = {}): SupervisedProcess {
    const proc = new SupervisedProcess(name, command, args, options);
    this.processes.push(proc);
    this.spawn(proc);
    return proc;
  }

  private spawn(proc: SupervisedProcess): void {
    const child = spawn(proc.command, proc.args, { stdio: "inherit", ...proc.options });
    let ended = false;
    const end = (how: string) => {
      if (ended) return;
      ended = true;
      this.crashed(proc, how);
    };
    child.on("error", (err) => end(`could not run: ${err.message}`));
    child.on("exit", (code, signal) => end(signal ? `killed by ${signal}` : `exit code ${code}`));
    proc.started(child);
  }

  private crashed(proc: SupervisedProcess, how: string): void {
    if (this.stopping || this.gaveUp) return;
    const now = Date.now();
    proc.crashes.push(now);
    while (proc.crashes.length && proc.crashes[0] <= now - this.windowMs) proc.crashes.shift();
    const recent = proc.crashes.length;
    if (recent >= this.maxCrashes) {
      this.gaveUp = true;
      const reason = `the ${proc.name} crashed ${recent} times within ${Math.round(this.windowMs / 1000)} s (last: ${how}); giving up`;
      this.log(`\n${reason}.`);
      this.onGiveUp(reason);
      return;
    }
    const delay = this.backoffMs(recent);
    this.log(
      `\nThe ${proc.name} stopped unexpectedly (${how}); restarting it in ${(delay / 1000).toFixed(1)} s (crash ${recent} of ${this.maxCrashes} allowed within ${Math.round(this.windowMs / 1000)} s).`,
    );
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.stopping && !this.gaveUp) this.spawn(proc);
    }, delay);
    this.timers.add(timer);
  }

  /** Stops restarting, then ends every child (SIGTERM, SIGKILL after `graceMs`) and waits for them. */
  async stopAll(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.all(
      this.processes.map(
        (proc) =>
          new Promise<void>((resolve) => {
            const child = proc.child;
            if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
            child.once("exit", () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill("SIGTERM");
          }),
      ),
    );
  }
}

/**
 * npm start's children: supervised, and stopped together on Ctrl-C (exit 0) or when one crashed too
 * often (exit 1); `cleanup` (the embedded database) runs last.
 */
export class ProcessGroup {
  private readonly supervisor: Supervisor;
  private stopping = false;

  constructor(
    private readonly cleanup: () => Promise<void>,
    options: Omit<SupervisorOptions, "onGiveUp"> = {},
  ) {
    this.supervisor = new Supervisor({ ...options, onGiveUp: (reason) => void this.stop(1, reason) });
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
      process.on(signal, () => void this.stop(0, `received ${signal}`));
    }
  }

  start(name: string, command: string, args: string[], options: SpawnOptions = {}): SupervisedProcess {
    return this.supervisor.start(name, command, args, options);
  }

  async stop(code: number, reason: string): Promise<never> {
    if (this.stopping) return new Promise<never>(() => undefined);
    this.stopping = true;
    console.log(`\nStopping Proofline: ${reason}.`);
    await this.supervisor.stopAll();
    try {
      await this.cleanup();
    } finally {
      process.exit(code);
    }
  }
}

/** Runs a command to completion, inheriting the terminal; rejects on a non-zero exit. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}
