import { fork, type ChildProcess } from "node:child_process";
import { availableParallelism, setPriority } from "node:os";
import path from "node:path";
import { env } from "@/lib/env";
import type { PacketData } from "@/lib/packets/packet-types";
import type { ChildMessage, ParentMessage } from "@/lib/packets/render-messages";
import type { RenderedChunk } from "@/lib/packets/pdf/render-chunk";

// Chunks are independent, so they render in parallel in a few child processes: on a machine with
// idle cores a packet builds faster, the processes run at a lower priority than the web server, and
// each is replaced after a few chunks, so react-pdf's caches never grow without bound.

const CHUNKS_PER_PROCESS = 2;

/** What render processes did in this process's lifetime (for npm run bench:packet). */
export const renderPoolStats = { spawned: 0, peakChildRssMb: 0, maxConcurrent: 0 };

interface Slot {
  child: ChildProcess;
  busy: boolean;
  done: number;
}

interface Task {
  id: number;
  section: number;
  chunk: number;
  resolve: (r: RenderedChunk) => void;
  reject: (e: Error) => void;
}

export function renderProcesses(): number {
  const configured = env().PACKET_RENDER_PROCESSES;
  // One per two cores: the rest stays free for the web server and the database.
  return configured ?? Math.max(1, Math.min(4, Math.floor(availableParallelism() / 2)));
}

export class RenderPool {
  private slots: Slot[] = [];
  private queue: Task[] = [];
  private running = new Map<number, { task: Task; slot: Slot }>();
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly data: PacketData,
    private readonly size = renderProcesses(),
  ) {}

  render(section: number, chunk: number): Promise<RenderedChunk> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, section, chunk, resolve, reject });
      this.pump();
    });
  }

  close(): void {
    this.closed = true;
    for (const s of this.slots) s.child.kill();
    this.slots = [];
    for (const t of this.queue) t.reject(new Error("The render pool was closed."));
    this.queue = [];
  }

  private spawn(): Slot {
    const child = fork(path.resolve("lib/packets/render-child.ts"), [], {
      execArgv: ["--import", "tsx"],
      serialization: "advanced",
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    try {
      if (child.pid) setPriority(child.pid, 10);
    } catch {
      // not allowed here: keep the default priority
    }
    const slot: Slot = { child, busy: false, done: 0 };
    renderPoolStats.spawned += 1;
    child.on("message", (msg: ParentMessage) => this.settle(slot, msg));
    child.on("exit", (code) => {
      this.slots = this.slots.filter((s) => s !== slot);
      for (const [id, r] of this.running) {
        if (r.slot !== slot) continue;
        this.running.delete(id);
        r.task.reject(new Error(`A render process stopped (exit ${code}) while rendering part of the PDF.`));
      }
      this.pump();
    });
    child.send({ type: "data", data: this.data } satisfies ChildMessage);
    this.slots.push(slot);
    renderPoolStats.maxConcurrent = Math.max(renderPoolStats.maxConcurrent, this.slots.length);
    return slot;
  }

  private settle(slot: Slot, msg: ParentMessage): void {
    const r = this.running.get(msg.id);
    if (!r) return;
    this.running.delete(msg.id);
    slot.busy = false;
    slot.done += 1;
    if (msg.type === "done") renderPoolStats.peakChildRssMb = Math.max(renderPoolStats.peakChildRssMb, msg.maxRssMb);
    if (msg.type === "done")
      r.task.resolve({
        bytes: Buffer.from(msg.bytes),
        pageCount: msg.pageCount,
        marks: msg.marks,
        chrome: msg.chrome,
        specPages: msg.specPages,
      });
    else r.task.reject(new Error(msg.message));
    if (slot.done >= CHUNKS_PER_PROCESS) {
      this.slots = this.slots.filter((s) => s !== slot);
      slot.child.disconnect();
    }
    this.pump();
  }

  private pump(): void {
    if (this.closed) return;
    while (this.queue.length) {
      let slot = this.slots.find((s) => !s.busy && s.child.connected);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const task = this.queue.shift()!;
      slot.busy = true;
      this.running.set(task.id, { task, slot });
      slot.child.send({ type: "render", id: task.id, section: task.section, chunk: task.chunk } satisfies ChildMessage);
    }
  }
}
