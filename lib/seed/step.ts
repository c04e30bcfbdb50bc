import type { RequestCtx } from "@/lib/auth/actor";

// The two kinds of seeding step. Steps import only this file, so lib/seed/demo.ts and reference.ts (which
// list the steps) and the steps themselves never import each other.

/** One area's share of the demo data. Steps run in order, each after the ones it builds on. */
export interface SeedStep {
  name: string;
  run(ctx: RequestCtx): Promise<void>;
}

/**
 * Reference data that every installation needs (not demo data). Each step must be idempotent: running it
 * twice changes nothing, and it reports what it changed.
 */
export interface ReferenceStep {
  name: string;
  run(ctx: RequestCtx): Promise<string[]>;
}
