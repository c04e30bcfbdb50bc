// Parses a document on a worker thread with a time budget, so that no document, however crafted,
// can hold the web server's event loop (see docs/adr/ "import parsing off the event loop"). A parse
// that runs past its budget is stopped (the thread is terminated) and refused as too complex; a
// parse that runs out of its memory limit is refused the same way. Idle threads are kept for reuse
// and never keep the process alive.
import path from "node:path";
import { Worker } from "node:worker_threads";
import { DEFAULT_PARSE_BUDGET_MS, ImportRefusal } from "@/lib/import/input";
import type { ParseOptions } from "@/lib/import/parse-document";
import type { ParsedDocument } from "@/lib/import/types";

/** Heap for one parsing thread: a 5 MB document needs well under 200 MB. */
const WORKER_HEAP_MB = 512;
/** Threads kept at most: one per core on the machines we run on; more jobs wait their turn. */
const MAX_WORKERS = 2;
/** A thread's start (loading the parser) is not part of any document's budget, but it has its own. */
const START_TIMEOUT_MS = 60_000;

export interface OffThreadOptions extends ParseOptions {
  /** Wall-clock time the parse may take once a thread has it. */
  budgetMs?: number;
}

type Reply =
  | { id: number; ok: true; doc: ParsedDocument }
  | { id: number; ok: false; refusal?: { code: ImportRefusal["code"]; message: string }; error?: string };

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  busy: boolean;
}

const slots: Slot[] = [];
const waiting: Array<() => void> = [];
let nextId = 1;

/** Where the worker file is: beside this module in the source tree, which `next start` runs from. */
function workerFile(): string {
  return path.join(process.cwd(), "lib", "import", "parse-worker.mjs");
}

function spawn(): Slot {
  // Not bundled: Next must leave this file (and tsx, which it loads) to Node at run time. Turbopack
  // bundles the target of any `new Worker(path)` it can resolve (and ignores turbopackIgnore there),
  // so the constructor is called through Reflect.construct, which it does not follow.
  const worker: Worker = Reflect.construct(Worker, [
    workerFile(),
    { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } },
  ]);
  worker.unref();
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("The document parser's thread did not start in time.")),
      START_TIMEOUT_MS,
    );
    timer.unref();
    worker.once("message", () => {
      clearTimeout(timer);
      resolve();
    });
    worker.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  const slot: Slot = { worker, ready, busy: false };
  worker.on("error", () => {}); // reported to the job that was running (or to the start); never an unhandled event
  worker.once("exit", () => drop(slot));
  slots.push(slot);
  return slot;
}

function drop(slot: Slot) {
  const at = slots.indexOf(slot);
  if (at >= 0) slots.splice(at, 1);
  waiting.shift()?.();
}

async function acquire(): Promise<Slot> {
  for (;;) {
    const idle = slots.find((s) => !s.busy);
    if (idle) {
      idle.busy = true;
      return idle;
    }
    if (slots.length < MAX_WORKERS) {
      const slot = spawn();
      slot.busy = true;
      return slot;
    }
    await new Promise<void>((resolve) => waiting.push(resolve));
  }
}

function release(slot: Slot) {
  slot.busy = false;
  slot.worker.unref();
  waiting.shift()?.();
}

function tooComplex(name: string, why: string): ImportRefusal {
  return new ImportRefusal(
    "too-complex",
    `${name} ${why}, so it was not imported. Split it into smaller documents, or remove very long lines (such as a run of thousands of spaces or markers) and import it again.`,
  );
}

/** parseDocument on a worker thread: the same result or refusal, or a "too-complex" refusal past the budget. */
export async function parseDocumentOffThread(
  bytes: Uint8Array,
  { budgetMs = DEFAULT_PARSE_BUDGET_MS, ...options }: OffThreadOptions = {},
): Promise<ParsedDocument> {
  const name = options.filename ? `"${options.filename}"` : "The document";
  const slot = await acquire();
  try {
    await slot.ready;
  } catch (err) {
    slot.worker.terminate().catch(() => {});
    throw err;
  }
  const id = nextId++;
  slot.worker.ref();
  return new Promise<ParsedDocument>((resolve, reject) => {
    const settle = (fn: () => void) => {
      clearTimeout(timer);
      slot.worker.off("message", onMessage);
      slot.worker.off("error", onError);
      slot.worker.off("exit", onExit);
      fn();
    };
    const timer = setTimeout(() => {
      settle(() =>
        reject(
          tooComplex(
            name,
            `took more than ${budgetMs < 1000 ? `${budgetMs} ms` : `${Math.round(budgetMs / 100) / 10} s`} to read`,
          ),
        ),
      );
      slot.worker.terminate().catch(() => {});
    }, budgetMs);
    const onMessage = (reply: Reply) => {
      if (reply.id !== id) return;
      settle(() => {
        release(slot);
        if (reply.ok) resolve(reply.doc);
        else if (reply.refusal) reject(new ImportRefusal(reply.refusal.code, reply.refusal.message));
        else reject(new Error(`The document parser failed: ${reply.error}`));
      });
    };
    const onError = (err: Error & { code?: string }) => {
      settle(() =>
        reject(
          err.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? tooComplex(name, `needed more than ${WORKER_HEAP_MB} MB of memory to read`)
            : err,
        ),
      );
    };
    const onExit = () => settle(() => reject(new Error("The document parser's thread stopped unexpectedly.")));
    slot.worker.on("message", onMessage);
    slot.worker.once("error", onError);
    slot.worker.once("exit", onExit);
    slot.worker.postMessage({ id, bytes, options });
  });
}

/** Stops every parsing thread (tests, and a clean shutdown). */
export async function stopParseWorkers(): Promise<void> {
  await Promise.all(slots.splice(0).map((s) => s.worker.terminate()));
}
