// A counting semaphore with a bounded, time-limited queue. Password hashing (scrypt) runs on libuv's
// small thread pool (4 threads by default), which file reads, DNS and zlib share: unauthenticated
// sign-in requests must not be able to occupy all of it. At most `max` run at once; up to `maxQueue`
// more wait at most `waitMs` each; anyone beyond that is refused at once with BusyError.

export class BusyError extends Error {
  constructor() {
    super("Too many sign-ins are being checked at once. Try again in a moment.");
  }
}

export class Semaphore {
  private running = 0;
  private readonly queue: Array<{ grant: () => void; timer: NodeJS.Timeout }> = [];

  constructor(
    readonly max: number,
    readonly maxQueue: number,
    readonly waitMs: number,
  ) {}

  get active(): number {
    return this.running;
  }

  get waiting(): number {
    return this.queue.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.max) {
      this.running++;
      return Promise.resolve();
    }
    if (this.queue.length >= this.maxQueue) return Promise.reject(new BusyError());
    return new Promise<void>((resolve, reject) => {
      const entry = {
        grant: () => {
          clearTimeout(entry.timer);
          resolve();
        },
        timer: setTimeout(() => {
          const at = this.queue.indexOf(entry);
          if (at >= 0) this.queue.splice(at, 1);
          reject(new BusyError());
        }, this.waitMs),
      };
      this.queue.push(entry);
    });
  }

  private release(): void {
    const next = this.queue.shift();
    // The slot passes straight to the next waiter (running stays the same), else it is freed.
    if (next) next.grant();
    else this.running--;
  }
}
