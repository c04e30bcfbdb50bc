import { createHmac, randomBytes } from "node:crypto";

// The sampling procedure, documented in docs/audits.md so that anyone can repeat a draw offline:
//
//   1. Order the population by its stable key (positions 0 .. N-1).
//   2. Make a stream of 32-bit numbers: block i (i = 0, 1, 2, ...) is HMAC-SHA256(key = seed,
//      message = i as 8-byte big-endian), read as eight big-endian unsigned 32-bit integers.
//   3. For draw d = 0 .. n-1, pick j uniformly in [d, N) from the stream (rejection sampling: a
//      number x is used only if x < 2^32 - (2^32 mod (N - d)); then j = d + x mod (N - d)),
//      swap positions d and j (a partial Fisher-Yates shuffle), and take position d.
//
// The same seed over the same ordered population always gives the same sample, in the same order.

const TWO_32 = 2 ** 32;

/** An endless stream of uint32 values derived from the seed. */
export function* seededStream(seed: string): Generator<number, never> {
  for (let block = 0n; ; block++) {
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(block);
    const digest = createHmac("sha256", seed).update(counter).digest();
    for (let i = 0; i < 32; i += 4) yield digest.readUInt32BE(i);
  }
}

/** A uniform integer in [0, bound) from the stream, without modulo bias. */
export function uniformBelow(stream: Generator<number>, bound: number): number {
  if (!Number.isInteger(bound) || bound < 1 || bound > TWO_32)
    throw new RangeError(`bound must be an integer in [1, 2^32], got ${bound}`);
  const limit = TWO_32 - (TWO_32 % bound);
  for (;;) {
    const x = stream.next().value as number;
    if (x < limit) return x % bound;
  }
}

/** Positions (0-based, in draw order) of a sample of `size` from a population of `populationSize`. */
export function samplePositions(populationSize: number, size: number, seed: string): number[] {
  if (!Number.isInteger(populationSize) || populationSize < 0)
    throw new RangeError("populationSize must be a non-negative integer");
  if (!Number.isInteger(size) || size < 0 || size > populationSize)
    throw new RangeError(`cannot draw ${size} from ${populationSize}`);
  const stream = seededStream(seed);
  const swapped = new Map<number, number>();
  const at = (i: number) => swapped.get(i) ?? i;
  const out: number[] = [];
  for (let d = 0; d < size; d++) {
    const j = d + uniformBelow(stream, populationSize - d);
    const picked = at(j);
    swapped.set(j, at(d));
    swapped.set(d, picked);
    out.push(picked);
  }
  return out;
}

/** A fresh seed when the auditor gives none (recorded with the sample, so the draw can be repeated). */
export function newSeed(): string {
  return randomBytes(8).toString("hex");
}
