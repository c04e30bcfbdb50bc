import { naturalOrder } from "@/lib/readiness/order";
import { evaluateControl } from "@/lib/readiness/evaluate-control";
import { evaluateFramework } from "@/lib/readiness/evaluate-framework";
import type { ReadinessFacts, ReadinessResult } from "@/lib/readiness/types";

/** The whole rule, pure: the same facts give the same result, always. */
export function evaluateReadiness(facts: ReadinessFacts): ReadinessResult {
  const controls = facts.controls.map((c) => evaluateControl(c, facts.at)).sort((a, b) => naturalOrder(a.key, b.key));
  const byId = new Map(controls.map((c) => [c.id, c]));
  return { at: facts.at, controls, frameworks: facts.frameworks.map((fw) => evaluateFramework(fw, byId)) };
}
