// Slows password guessing: after MAX failures for one email within WINDOW, sign-in is refused until
// the window passes. Per process (one app server), which is what this deployment runs.
const MAX = 10;
const WINDOW_MS = 15 * 60 * 1000;

class FailedAttempts {
  private failures = new Map<string, number[]>();

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < WINDOW_MS);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  blocked(key: string, now = Date.now()): boolean {
    return this.recent(key, now).length >= MAX;
  }

  fail(key: string, now = Date.now()): void {
    this.failures.set(key, [...this.recent(key, now), now]);
  }

  clear(key: string): void {
    this.failures.delete(key);
  }
}

export const failedAttempts = new FailedAttempts();
