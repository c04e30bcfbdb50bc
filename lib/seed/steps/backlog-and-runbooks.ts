// Demo data for the backlog and runbooks: the demo readiness documents that ship with the repository
// (lib/seed/documents) imported into the demo projects through the importer, then the runbooks they
// hold given owners, cadences, targets, controls and past exercises, so that every demo project shows
// backlog items, blocks, runbooks and exercises, and one restore drill is overdue.
import { prisma } from "@/lib/db";
import type { SeedStep } from "@/lib/seed/step";
import { DEMO_PROJECTS } from "@/lib/seed/demo-projects";
import { readDemoDocument } from "@/lib/import/seed-files";
import { applyDocumentImport } from "@/lib/backlog/apply-document-import";
import { updateRunbook } from "@/lib/runbooks/update-runbook";
import { recordExercise } from "@/lib/runbooks/record-exercise";
import { setRunbookControl } from "@/lib/runbooks/link-runbook-control";
import { LAST_DRILL_DAYS_AGO } from "@/lib/readiness/demo-history";
import { DAY_MS } from "@/lib/core/time";

export interface RunbookPlan {
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

/** Every runbook the demo documents hold, with its plan; a document runbook missing here fails the seed. */
export const DEMO_RUNBOOKS: RunbookPlan[] = [
  {
    project: "report-ai-portal",
    key: "snapshot-restore-drill",
    rekey: "restore-study",
    owner: "engineer@proofline.test",
    cadenceDays: 90,
    rtoMinutes: 240,
    rpoMinutes: 1440,
    controls: ["BCK-02", "BCK-05"],
    // The last drill was more than a quarter ago (the readiness story counts on the same date): overdue.
    exercises: [
      {
        daysAgo: 200,
        outcome: "PASS",
        rtoMinutes: 140,
        notes:
          "Restored the encrypted snapshot and the pseudonymisation key into a scratch instance; the checksum manifest matched.",
      },
      {
        daysAgo: LAST_DRILL_DAYS_AGO,
        outcome: "PASS",
        rtoMinutes: 140,
        notes:
          "Ran make verify-snapshot on the scratch instance; the five reference questions gave the recorded answers.",
      },
    ],
  },
  {
    project: "report-ai-portal",
    key: "key-rotation",
    owner: "lead@proofline.test",
    cadenceDays: 365,
    controls: ["CRY-04"],
    exercises: [
      {
        daysAgo: 150,
        outcome: "PASS",
        notes:
          "Rotated both model provider keys after a departure; the assistant answered with the new key before the old one was revoked.",
      },
    ],
  },
  {
    project: "report-ai-portal",
    key: "incident-response",
    owner: "lead@proofline.test",
    cadenceDays: 182,
    controls: ["INC-07"],
    exercises: [
      {
        daysAgo: 40,
        outcome: "PASS",
        notes:
          "Tabletop: a transcript export reached a shared drive. Proxy blocked, privacy office told within 40 minutes.",
      },
    ],
  },
  {
    project: "mlsdm-engine",
    key: "rollback-runbook",
    owner: "engineer@proofline.test",
    cadenceDays: 90,
    rtoMinutes: 30,
    controls: ["CHG-04", "OPS-02"],
    exercises: [
      {
        daysAgo: 35,
        outcome: "PASS",
        rtoMinutes: 18,
        notes:
          "Rolled staging back to the previous tag after a deliberately broken deploy; the latency alert cleared in six minutes.",
      },
    ],
  },
  {
    project: "datacue",
    key: "outage-playbook",
    owner: "engineer@proofline.test",
    cadenceDays: 90,
    controls: ["OPS-02", "INC-01"],
    exercises: [
      {
        daysAgo: 70,
        outcome: "PARTIAL",
        notes:
          "Game day: intake paused and workers restarted, but the queue dashboard link in the playbook was stale. Fixed the link.",
      },
    ],
  },
  {
    project: "lexecon",
    key: "regional-failover-runbook",
    owner: "engineer@proofline.test",
    cadenceDays: 182,
    rtoMinutes: 30,
    rpoMinutes: 15,
    controls: ["BCK-04", "BCK-05"],
    exercises: [
      {
        daysAgo: 25,
        outcome: "PASS",
        rtoMinutes: 22,
        notes:
          "Promoted the replica in the second region; a sample decision was written and read back and the hash chain verified.",
      },
    ],
  },
  {
    project: "lexecon",
    key: "ledger-replay-runbook",
    owner: "engineer@proofline.test",
    cadenceDays: 365,
    controls: ["LOG-01"],
    exercises: [
      {
        daysAgo: 60,
        outcome: "PASS",
        notes: "Replayed a day of entries into a scratch database; hashes matched the signed heads.",
      },
    ],
  },
];

export const seedBacklogAndRunbooks: SeedStep = {
  name: "backlog and runbooks",
  async run(ctx) {
    const now = new Date();
    // The documents were imported eight months ago; the runbooks' schedules count from then.
    const importedAt = new Date(now.getTime() - 245 * DAY_MS);
    for (const project of DEMO_PROJECTS) {
      for (const name of project.documents) {
        await applyDocumentImport({
          ctx,
          slug: project.slug,
          bytes: readDemoDocument(name),
          filename: name,
          now: importedAt,
        });
      }
    }
    const users = new Map(
      (await prisma.user.findMany({ select: { id: true, email: true } })).map((u) => [u.email, u.id]),
    );
    for (const plan of DEMO_RUNBOOKS) {
      const runbook = await prisma.runbook.findFirst({
        where: { key: plan.key, project: { slug: plan.project } },
        select: { id: true },
      });
      if (!runbook)
        throw new Error(
          `The demo documents of ${plan.project} hold no runbook "${plan.key}"; the demo plan and the documents disagree.`,
        );
      const slug = plan.project;
      await updateRunbook({
        ctx,
        slug,
        runbookId: runbook.id,
        now,
        data: {
          key: plan.rekey,
          ownerId: users.get(plan.owner) ?? null,
          cadenceDays: plan.cadenceDays,
          rtoTargetSeconds: plan.rtoMinutes ? plan.rtoMinutes * 60 : null,
          rpoTargetSeconds: plan.rpoMinutes ? plan.rpoMinutes * 60 : null,
        },
      });
      for (const key of plan.controls) {
        if (await prisma.control.findUnique({ where: { key }, select: { id: true } }))
          await setRunbookControl({ ctx, slug, runbookId: runbook.id, control: key, now, linked: true });
      }
      for (const e of plan.exercises) {
        await recordExercise({
          ctx,
          slug,
          runbookId: runbook.id,
          now,
          data: {
            performedAt: new Date(now.getTime() - e.daysAgo * DAY_MS).toISOString(),
            outcome: e.outcome,
            measuredRtoSeconds: e.rtoMinutes ? e.rtoMinutes * 60 : null,
            notes: e.notes,
          },
        });
      }
    }
  },
};
