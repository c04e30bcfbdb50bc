// Demo data for readiness: 90 days of evidence for the four demo projects (see lib/readiness/demo-history.ts
// for the stories), the blocker and the overdue restore drill the stories need, then 90 days of daily
// snapshots computed from that history by the one scoring module. Runs after the other areas' steps
// and tolerates what they created: rows are matched by stable keys and never duplicated.
import { prisma, type Tx } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import type { EvidenceKind } from "@/generated/prisma/enums";
import { recordActivity } from "@/lib/activity/record-activity";
import type { SeedStep } from "@/lib/seed/step";
import {
  DEMO_STORIES,
  LAST_DRILL_DAYS_AGO,
  planDemoEvidence,
  type DemoStory,
  type DemoTarget,
} from "@/lib/readiness/demo-history";
import { runDailySnapshots } from "@/lib/readiness/run-daily-snapshots";
import { DAY_MS } from "@/lib/core/time";

const FORMAT: Partial<Record<EvidenceKind, string>> = {
  TEST_REPORT: "junit",
  SAST_SCAN: "sarif",
  DEPENDENCY_AUDIT: "pip-audit",
  SBOM: "cyclonedx",
  AUDIT_LOG: "audit-log",
  RESTORE_DRILL: "drill",
  BACKUP: "restic",
  MANUAL_FILE: "manual",
  LINK: "link",
  VENDOR_REPORT: "vendor-report",
  CI_RUN: "github-workflow-run",
  DEPLOYMENT: "github-deployment-status",
  PULL_REQUEST: "github-pull-request",
};

async function targetsOf(projectId: string): Promise<DemoTarget[]> {
  return prisma.$queryRaw<DemoTarget[]>`
    SELECT DISTINCT c.key AS "controlKey", c.title AS "controlTitle", ce.kind, ce."freshnessDays"
    FROM "ProjectFramework" pf
    JOIN "Requirement" r ON r."frameworkId" = pf."frameworkId"
    JOIN "ControlMapping" m ON m."requirementId" = r.id
    JOIN "Control" c ON c.id = m."controlId" AND c."archivedAt" IS NULL
    JOIN "ControlExpectation" ce ON ce."controlId" = c.id
    LEFT JOIN "ProjectControl" pc ON pc."projectId" = pf."projectId" AND pc."controlId" = c.id
    WHERE pf."projectId" = ${projectId} AND COALESCE(pc."notApplicable", false) = false`;
}

async function insertEvidence(
  tx: Tx,
  project: { id: string; slug: string },
  story: DemoStory,
  targets: DemoTarget[],
  now: Date,
): Promise<number> {
  const plan = planDemoEvidence(project.slug, story, targets, now);
  const fresh = new Map(targets.map((t) => [`${t.controlKey}/${t.kind}`, t.freshnessDays]));
  return tx.$executeRaw`
    WITH rows AS (
      SELECT * FROM unnest(${plan.map((e) => e.controlKey)}::text[], ${plan.map((e) => e.kind)}::text[], ${plan.map((e) => e.title)}::text[],
                           ${plan.map((e) => e.outcome)}::text[], ${plan.map((e) => e.effectiveAt)}::timestamp[], ${plan.map((e) => e.dedupeKey)}::text[],
                           ${plan.map((e) => e.workflow)}::text[], ${plan.map((e) => FORMAT[e.kind] ?? "manual")}::text[],
                           ${plan.map((e) => fresh.get(`${e.controlKey}/${e.kind}`) ?? 30)}::int[])
        AS u(ckey, kind, title, outcome, eff, dk, wf, fmt, fresh)
    ), ins AS (
      INSERT INTO "Evidence" (id, "projectId", kind, format, title, subject, outcome, summary, "dedupeKey", "sourceRepo", "sourceBranch", "sourceWorkflow",
                              "collectedAt", "effectiveAt", "expiresAt", "createdAt")
      SELECT 'demo' || substr(md5(${project.id} || rows.dk), 1, 21), ${project.id}, rows.kind::"EvidenceKind", rows.fmt, rows.title, rows.wf,
             rows.outcome::"EvidenceOutcome", jsonb_build_object('note', 'Demo evidence for the readiness story'), rows.dk,
             CASE WHEN rows.kind IN ('MANUAL_FILE', 'LINK', 'VENDOR_REPORT') THEN NULL ELSE 'proofline-demo/' || ${project.slug} END,
             CASE WHEN rows.kind IN ('MANUAL_FILE', 'LINK', 'VENDOR_REPORT') THEN NULL ELSE 'main' END, rows.wf,
             rows.eff + interval '3 minutes', rows.eff, rows.eff + rows.fresh * interval '1 day', rows.eff + interval '3 minutes'
      FROM rows
      ON CONFLICT ("projectId", "dedupeKey") DO NOTHING
      RETURNING id, "dedupeKey", kind, outcome, "effectiveAt", "collectedAt"
    )
    INSERT INTO "EvidenceControl" ("evidenceId", "controlId", "projectId", kind, outcome, "effectiveAt", "collectedAt", via, "createdAt")
    SELECT ins.id, c.id, ${project.id}, ins.kind, ins.outcome, ins."effectiveAt", ins."collectedAt", 'rule', ins."collectedAt"
    FROM ins JOIN rows ON rows.dk = ins."dedupeKey" JOIN "Control" c ON c.key = rows.ckey
    ON CONFLICT DO NOTHING`;
}

const RESTORE_STEPS = [
  { text: "Fetch last night's encrypted snapshot and the study key from the backup vault" },
  { text: "Restore both into a scratch environment" },
  { text: "Run the study smoke tests against the restored copy" },
  { text: "Record the measured restore time and the age of the snapshot" },
];

/** report-ai-portal: the quarterly restore drill, last run 110 days ago, linked to the drill controls. */
async function overdueDrill(tx: Tx, projectId: string, now: Date): Promise<string[]> {
  const runbook =
    (await tx.runbook.findUnique({
      where: { projectId_key: { projectId, key: "restore-study" } },
      select: { id: true },
    })) ??
    (await tx.runbook.create({
      data: {
        projectId,
        key: "restore-study",
        title: "Restore drill",
        cadenceDays: 90,
        rtoTargetSeconds: 4 * 3600,
        rpoTargetSeconds: 24 * 3600,
        createdAt: new Date(now.getTime() - 220 * DAY_MS),
        // Every runbook has its steps as version 1 (the page shows the current version's steps).
        versions: {
          create: {
            version: 1,
            title: "Restore drill",
            steps: RESTORE_STEPS,
            note: "Written for the demo",
            createdAt: new Date(now.getTime() - 220 * DAY_MS),
          },
        },
      },
      select: { id: true },
    }));
  const controls = await tx.control.findMany({ where: { key: { in: ["BCK-02", "BCK-05"] } }, select: { id: true } });
  await tx.runbookControl.createMany({
    data: controls.map((c) => ({ runbookId: runbook.id, controlId: c.id })),
    skipDuplicates: true,
  });
  if (!(await tx.runbookExercise.count({ where: { runbookId: runbook.id } }))) {
    await tx.runbookExercise.createMany({
      data: [200, LAST_DRILL_DAYS_AGO].map((ago) => ({
        runbookId: runbook.id,
        performedAt: new Date(now.getTime() - ago * DAY_MS),
        outcome: "PASS" as const,
        measuredRtoSeconds: 2 * 3600 + 1200,
        measuredRpoSeconds: 6 * 3600,
        notes: "Restored last night's snapshot into a scratch environment and ran the study smoke tests.",
        createdAt: new Date(now.getTime() - ago * DAY_MS),
      })),
    });
  }
  return ["restore-study"];
}

/** A backlog item of priority Blocker linked to a control, opened (and maybe closed) days ago. */
async function blocker(
  tx: Tx,
  projectId: string,
  now: Date,
  item: { key: string; title: string; block: string; control: string; openedDaysAgo: number; closedDaysAgo?: number },
) {
  const control = await tx.control.findUnique({ where: { key: item.control }, select: { id: true } });
  if (!control) return null;
  const existing = await tx.backlogItem.findUnique({
    where: { projectId_key: { projectId, key: item.key } },
    select: { id: true },
  });
  const row =
    existing ??
    (await tx.backlogItem.create({
      data: {
        projectId,
        key: item.key,
        title: item.title,
        block: item.block,
        priority: "BLOCKER",
        priorityRaw: "Blocker",
        status: item.closedDaysAgo ? "DONE" : "OPEN",
        createdAt: new Date(now.getTime() - item.openedDaysAgo * DAY_MS),
        closedAt: item.closedDaysAgo ? new Date(now.getTime() - item.closedDaysAgo * DAY_MS) : null,
      },
      select: { id: true },
    }));
  await tx.backlogItemControl.createMany({ data: [{ itemId: row.id, controlId: control.id }], skipDuplicates: true });
  return item.key;
}

async function storyExtras(tx: Tx, story: DemoStory, projectId: string, now: Date): Promise<string[]> {
  if (story === "drill-overdue") return overdueDrill(tx, projectId, now);
  const items =
    story === "blocker"
      ? [
          {
            key: "RDY-001",
            title: "Put the admin API behind the authenticating proxy before launch",
            block: "Security",
            control: "ACC-07",
            openedDaysAgo: 34,
          },
        ]
      : story === "improving"
        ? [
            {
              key: "RDY-001",
              title: "Move the ledger signing keys into the secret store",
              block: "Security",
              control: "CRY-03",
              openedDaysAgo: 70,
              closedDaysAgo: 25,
            },
          ]
        : [];
  const done: string[] = [];
  for (const item of items) {
    const key = await blocker(tx, projectId, now, item);
    if (key) done.push(key);
  }
  return done;
}

export const seedReadinessHistory: SeedStep = {
  name: "readiness history",
  async run(ctx: RequestCtx) {
    const now = new Date();
    const projects = await prisma.project.findMany({
      where: { slug: { in: Object.keys(DEMO_STORIES) } },
      select: { id: true, slug: true },
    });
    for (const project of projects) {
      const story = DEMO_STORIES[project.slug];
      const targets = await targetsOf(project.id);
      if (!targets.length) continue; // the project is not assessed against any framework (no catalogue loaded)
      await prisma.$transaction(
        async (tx) => {
          const evidence = await insertEvidence(tx, project, story, targets, now);
          const extras = await storyExtras(tx, story, project.id, now);
          await recordActivity(tx, {
            ctx,
            action: "readiness.demo-history",
            entityType: "Project",
            entityId: project.id,
            projectId: project.id,
            summary: { story, evidenceFiled: evidence, extras },
          });
        },
        { timeout: 120_000 },
      );
    }
    // Trends from the first start: each of the last 89 days, as of its end, by the scoring module.
    await runDailySnapshots({
      ctx,
      now,
      projectIds: projects.map((p) => p.id),
      backfillFrom: new Date(now.getTime() - 90 * DAY_MS),
    });
  },
};
