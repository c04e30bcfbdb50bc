// Child processes that stop together: Ctrl-C (or any child dying) ends them all, then cleanup runs.
import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";

export class ProcessGroup {
  private children: ChildProcess[] = [];
  private stopping = false;

  constructor(private readonly cleanup: () => Promise<void>) {
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
      process.on(signal, () => void this.stop(0, `received ${signal}`));
    }
  }

  start(name: string, command: string, args: string[], options: SpawnOptions = {}): ChildProcess {
    const child = spawn(command, args, { stdio: "inherit", ...options });
    child.on("exit", (code, signal) => {
      if (!this.stopping) void this.stop(code ?? 1, `${name} exited (${signal ?? `code ${code}`})`);
    });
    this.children.push(child);
    return child;
  }

  async stop(code: number, reason: string): Promise<never> {
    if (this.stopping) return new Promise<never>(() => undefined);
    this.stopping = true;
    console.log(`\nStopping Proofline: ${reason}.`);
    await Promise.all(
      this.children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
            child.once("exit", () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill("SIGTERM");
          }),
      ),
    );
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
    child.on("exit", (code, signal) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(" ")} failed (${signal ?? `exit ${code}`})`))));
  });
}
