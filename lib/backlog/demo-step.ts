// Demo data for the backlog and runbooks: the real readiness documents of ../shared/seeds imported into
// the demo projects through the importer, then the runbooks they hold given owners, cadences, targets
// and past exercises, so that one restore drill is overdue. Without ../shared the demo still starts.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { prisma } from "@/lib/db";
import type { SeedStep } from "@/lib/seed/demo";
import { DEMO_PROJECTS } from "@/lib/seed/demo-projects";
import { SEEDS_DIR } from "@/lib/import/seed-files";
import { applyDocumentImport } from "@/lib/backlog/apply-document-import";
import { updateRunbook } from "@/lib/runbooks/update-runbook";
import { recordExercise } from "@/lib/runbooks/record-exercise";
import { setRunbookControl } from "@/lib/runbooks/link-runbook-control";
import { LAST_DRILL_DAYS_AGO } from "@/lib/readiness/demo-history";

const DAY = 86_400_000;

interface RunbookPlan {
  project: string;
  key: string;
  /** A new key: the one the project's drill reports name (they link drill evidence to the runbook). */
  rekey?: string;
  owner: string;
  cadenceDays: number;
  rtoMinutes?: number;
  rpoMinutes?: number;
  controls: string[];
  exercises: Array<{ daysAgo: number; outcome: "PASS" | "PARTIAL" | "FAIL"; rtoMinutes?: number; notes: string }>;
}

const RUNBOOKS: RunbookPlan[] = [
  {
    project: "report-ai-portal",
    key: "backups-and-restore",
    rekey: "restore-study",
    owner: "engineer@proofline.test",
    cadenceDays: 90,
    rtoMinutes: 240,
    rpoMinutes: 1440,
    controls: ["BCK-02", "BCK-05"],
    // The last drill was more than a quarter ago (the readiness story counts on the same date): overdue.
    exercises: [
      { daysAgo: 200, outcome: "PASS", rtoMinutes: 140, notes: "Restored the PHI key and last night's snapshot into a scratch environment; the study smoke tests passed." },
      { daysAgo: LAST_DRILL_DAYS_AGO, outcome: "PASS", rtoMinutes: 140, notes: "Ran make restore-drill, then the five steps by hand on the staging host. The assistant read the restored trio_bundle." },
    ],
  },
  { project: "report-ai-portal", key: "secret-and-key-rotation", owner: "lead@proofline.test", cadenceDays: 365, controls: ["CRY-04"], exercises: [] },
  {
    project: "report-ai-portal",
    key: "incident-response",
    owner: "lead@proofline.test",
    cadenceDays: 182,
    controls: ["INC-07"],
    exercises: [{ daysAgo: 40, outcome: "PASS", notes: "Tabletop: leaked hosted-LLM key. Proxy block and key rotation done within the hour; IRB notification drafted." }],
  },
  {
    project: "lexecon",
    key: "disaster-recovery-runbook",
    owner: "engineer@proofline.test",
    cadenceDays: 90,
    rtoMinutes: 30,
    rpoMinutes: 15,
    controls: ["BCK-04", "BCK-05"],
    exercises: [{ daysAgo: 25, outcome: "PASS", rtoMinutes: 22, notes: "Restored the decisions database from the nightly backup into the standby cluster; row counts matched the audit log." }],
  },
  {
    project: "lexecon",
    key: "high-error-rate-runbook",
    owner: "engineer@proofline.test",
    cadenceDays: 90,
    controls: ["OPS-02"],
    exercises: [{ daysAgo: 60, outcome: "PARTIAL", notes: "Game day: the error-rate alert paged on-call, but the escalation list still named a departed engineer. Fixed the list." }],
  },
];

export const seedBacklogAndRunbooks: SeedStep = {
  name: "backlog and runbooks",
  async run(ctx) {
    if (!existsSync(SEEDS_DIR)) {
      console.log(`  backlog and runbooks: ${SEEDS_DIR} is not there, so the demo projects start without imported documents`);
      return;
    }
    const now = new Date();
    // The documents were imported eight months ago; the runbooks' schedules count from then.
    const importedAt = new Date(now.getTime() - 245 * DAY);
    for (const project of DEMO_PROJECTS) {
      for (const name of project.seeds) {
        const file = path.join(SEEDS_DIR, name);
        if (!existsSync(file)) {
          console.log(`  backlog and runbooks: ${name} is missing from ${SEEDS_DIR}; skipped`);
          continue;
        }
        await applyDocumentImport({ ctx, slug: project.slug, bytes: readFileSync(file), filename: name, now: importedAt });
      }
    }
    const users = new Map((await prisma.user.findMany({ select: { id: true, email: true } })).map((u) => [u.email, u.id]));
    for (const plan of RUNBOOKS) {
      const runbook = await prisma.runbook.findFirst({ where: { key: plan.key, project: { slug: plan.project } }, select: { id: true } });
      if (!runbook) continue;
      const slug = plan.project;
      await updateRunbook({
        ctx,
        slug,
        runbookId: runbook.id,
        now,
        data: { key: plan.rekey, ownerId: users.get(plan.owner) ?? null, cadenceDays: plan.cadenceDays, rtoTargetSeconds: plan.rtoMinutes ? plan.rtoMinutes * 60 : null, rpoTargetSeconds: plan.rpoMinutes ? plan.rpoMinutes * 60 : null },
      });
      for (const key of plan.controls) {
        if (await prisma.control.findUnique({ where: { key }, select: { id: true } })) await setRunbookControl({ ctx, slug, runbookId: runbook.id, control: key, now, linked: true });
      }
      for (const e of plan.exercises) {
        await recordExercise({ ctx, slug, runbookId: runbook.id, now, data: { performedAt: new Date(now.getTime() - e.daysAgo * DAY).toISOString(), outcome: e.outcome, measuredRtoSeconds: e.rtoMinutes ? e.rtoMinutes * 60 : null, notes: e.notes } });
      }
    }
  },
};
