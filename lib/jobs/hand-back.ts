// A worker that is told to stop (SIGTERM: a deploy, a scale-in) gives its running jobs back to the queue
// instead of finishing them or losing them: each long job watches the signal it is given and, at its
// next safe point, undoes what it claimed and throws HandBack. pg-boss then puts the job back in the
// queue (its retry), and another worker runs it from the start.

export class HandBack extends Error {
  constructor(what: string) {
    super(`${what} handed back to the queue: the worker is stopping`);
    this.name = "HandBack";
  }
}

/** Throws HandBack when the worker has been told to stop. */
export function handBackIfStopping(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw new HandBack(what);
}
