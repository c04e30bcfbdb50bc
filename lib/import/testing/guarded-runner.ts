// Runs pathological cases on a worker thread with a hang guard: a case that does not answer within
// the guard fails (and the thread is replaced), instead of freezing the test run.
import path from "node:path";
import { Worker } from "node:worker_threads";

export class GuardedRunner {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;

  constructor(
    private readonly casesFile: string,
    private readonly guardMs: number,
  ) {}

  private start(): Promise<void> {
    this.worker = new Worker(path.join(import.meta.dirname, "run-guarded.mjs"), {
      workerData: { cases: this.casesFile },
    });
    const w = this.worker;
    this.ready = new Promise((resolve, reject) => {
      w.once("message", () => resolve());
      w.once("error", reject);
    });
    return this.ready;
  }

  /** The case's summary at size n, or an error saying it did not finish within the guard. */
  async run(name: string, n: number): Promise<unknown> {
    if (!this.worker) await this.start();
    await this.ready;
    const w = this.worker!;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        w.off("message", onMessage);
        this.worker = null;
        void w.terminate();
        reject(
          new Error(
            `"${name}" did not finish within ${this.guardMs / 1000} s at ${n} characters: its work is not linear in its input.`,
          ),
        );
      }, this.guardMs);
      const onMessage = (m: { name: string; n: number; summary?: unknown; error?: string }) => {
        if (m.name !== name || m.n !== n) return;
        clearTimeout(timer);
        w.off("message", onMessage);
        if (m.error) reject(new Error(m.error));
        else resolve(m.summary);
      };
      w.on("message", onMessage);
      w.postMessage({ name, n });
    });
  }

  async stop(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }
}
