import { prisma } from "@/lib/db";
import { systemCtx, type RequestCtx } from "@/lib/auth/actor";
import { seedUsersAndProjects } from "@/lib/seed/steps/users-and-projects";
import { seedFrameworksAndControls } from "@/lib/controls/demo-step";
import { seedBacklogAndRunbooks } from "@/lib/backlog/demo-step";
import { seedReadinessHistory } from "@/lib/seed/steps/readiness-history";
import { seedEvidenceRules } from "@/lib/evidence/demo-rules";
import { seedAudits } from "@/lib/seed/steps/audits";
import { seedDemoOriginals } from "@/lib/seed/steps/demo-originals";

export interface SeedResult {
  seeded: boolean;
}

/** One area's share of the demo data. Steps run in order, each after the ones it builds on. */
export interface SeedStep {
  name: string;
  run(ctx: RequestCtx): Promise<void>;
}

// Areas add their step here (users and projects first; later steps look them up by email and slug).
// seedReadinessHistory comes after the steps it builds on; seedDemoOriginals gives its rows their files.
const STEPS: SeedStep[] = [seedUsersAndProjects, seedFrameworksAndControls, seedEvidenceRules, seedBacklogAndRunbooks, seedAudits, seedReadinessHistory, seedDemoOriginals];

/**
 * Seeds the demo data once: when the database has no users yet. A second start keeps whatever is
 * there. Steps record their changes in the activity trail as the "seed" actor.
 */
export async function seedDemoData(log: (line: string) => void = () => undefined): Promise<SeedResult> {
  if ((await prisma.user.count()) > 0) return { seeded: false };
  const ctx = systemCtx("seed");
  for (const step of STEPS) {
    const started = Date.now();
    await step.run(ctx);
    log(`  seeded ${step.name} (${Date.now() - started} ms)`);
  }
  return { seeded: true };
}
