import { prisma } from "@/lib/db";
import { systemCtx } from "@/lib/auth/actor";
import type { SeedStep } from "@/lib/seed/step";
import { seedUsersAndProjects } from "@/lib/seed/steps/users-and-projects";
import { seedFrameworksAndControls } from "@/lib/seed/steps/controls";
import { seedBacklogAndRunbooks } from "@/lib/seed/steps/backlog-and-runbooks";
import { seedReadinessHistory } from "@/lib/seed/steps/readiness-history";
import { seedEvidenceRules } from "@/lib/seed/steps/evidence-rules";
import { seedAudits } from "@/lib/seed/steps/audits";
import { seedDemoOriginals } from "@/lib/seed/steps/demo-originals";

export interface SeedResult {
  seeded: boolean;
}

// Each step is a file in lib/seed/steps/ (users and projects first; later steps look them up by email and slug).
// seedReadinessHistory comes after the steps it builds on; seedDemoOriginals gives its rows their files.
const STEPS: SeedStep[] = [
  seedUsersAndProjects,
  seedFrameworksAndControls,
  seedEvidenceRules,
  seedBacklogAndRunbooks,
  seedAudits,
  seedReadinessHistory,
  seedDemoOriginals,
];

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
