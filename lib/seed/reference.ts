import { systemCtx } from "@/lib/auth/actor";
import type { ReferenceStep } from "@/lib/seed/step";
import { catalogueStep } from "@/lib/catalogue/catalogue-step";
import { starterControlsStep } from "@/lib/controls/starter-step";

// Reference data that every installation needs (not demo data): loaded on every start, by
// `npm run db:migrate` and by `npm run db:seed` (the step type: lib/seed/step.ts).
// Areas add their step here.
const STEPS: ReferenceStep[] = [catalogueStep, starterControlsStep];

export async function loadReferenceData(log: (line: string) => void = () => undefined): Promise<void> {
  const ctx = systemCtx("reference-data");
  for (const step of STEPS) {
    const changes = await step.run(ctx);
    for (const line of changes) log(`  ${step.name}: ${line}`);
  }
}
