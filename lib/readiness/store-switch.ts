import { env } from "@/lib/env";

/** PROOFLINE_READINESS_STORE=off makes every read recompute (the bench's "before"); on by default. */
export function readinessStoreEnabled(): boolean {
  return env().PROOFLINE_READINESS_STORE !== "off";
}
