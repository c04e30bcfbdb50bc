// The world of the auditor walk (auditor-walk.int.test.ts): an auditor granted one Type II audit of
// one project, in-window data of every kind an auditor reads, and a "leak set": evidence and
// runbook exercises one second before the window opens and one second after it closes in the granted
// project, and evidence and an exercise inside the window in a project the auditor is not granted.
// Every leak carries a distinctive title, so that a response naming one is easy to find.
import { randomBytes } from "node:crypto";
import { prisma } from "@/lib/db";
import { putBytes } from "@/lib/core/storage/blob-store";
import { makeAudit, makeEvidence } from "@/lib/audits/audit-test-data";
import { makeAuditedProject } from "@/lib/audits/testing/audited-project";
import { raiseRequest } from "@/lib/audits/raise-request";
import { answerRequest } from "@/lib/audits/answer-request";
import { ctxOf, makeProject } from "@/tests/factories";

export const WALK_WINDOW = { start: new Date("2026-03-01T00:00:00.000Z"), end: new Date("2026-05-31T23:59:59.999Z") };
const SECOND = 1000;
export const JUST_BEFORE = new Date(WALK_WINDOW.start.getTime() - SECOND);
export const JUST_AFTER = new Date(WALK_WINDOW.end.getTime() + SECOND);
const INSIDE = new Date("2026-04-10T08:00:00.000Z");

async function controlWithExpectation(kind: "TEST_REPORT") {
  return prisma.control.findFirstOrThrow({
    where: {
      archivedAt: null,
      expectations: { some: { kind } },
      mappings: { some: { requirement: { retiredAt: null, framework: { key: "soc2" } } } },
    },
    orderBy: { key: "asc" },
    select: { id: true, key: true },
  });
}

async function exerciseWithFile(runbookId: string, performedAt: Date, label: string) {
  const exercise = await prisma.runbookExercise.create({
    data: { runbookId, performedAt, outcome: "FAIL", notes: `${label} notes` },
  });
  const bytes = Buffer.from(`${label} drill log ${randomBytes(8).toString("hex")}\n`);
  const { sha256, size } = await putBytes(bytes);
  const attachment = await prisma.exerciseAttachment.create({
    data: { exerciseId: exercise.id, sha256, size, filename: `${label}.log`, contentType: "text/plain" },
  });
  return { exercise, attachment };
}

export interface Leak {
  /** Strings that must never appear in a response to the auditor: ids, titles, file names. */
  needles: string[];
  /** Ids to try in every route parameter of their type. */
  evidenceIds: string[];
  exerciseIds: string[];
  attachmentIds: string[];
  remove: () => Promise<void>;
}

export async function auditorWalkWorld() {
  const {
    lead,
    auditor,
    project: granted,
    audit,
  } = await makeAuditedProject({ window: WALK_WINDOW, auditName: "Walk audit", project: { frameworks: ["soc2"] } });
  const other = await makeProject({ frameworks: ["soc2"] });
  // An audit of the other project the auditor holds no grant for.
  const otherAudit = await makeAudit({
    leadId: lead.id,
    projectIds: [other.id],
    windowStart: WALK_WINDOW.start,
    windowEnd: WALK_WINDOW.end,
    name: "Not yours",
  });
  const control = await controlWithExpectation("TEST_REPORT");

  // In-window data of every kind the auditor reads.
  const inside = await makeEvidence({
    projectId: granted.id,
    title: "Unit tests inside the window",
    effectiveAt: INSIDE,
    outcome: "PASS",
    controlIds: [control.id],
    bytes: Buffer.from(`<testsuite name="inside" tests="1" failures="0"/>\n`),
  });
  const item = await prisma.backlogItem.create({
    data: {
      projectId: granted.id,
      key: "WLK-1",
      title: "Protect main",
      priority: "BLOCKER",
      priorityRank: 0,
      createdAt: new Date("2026-02-01T00:00:00Z"),
    },
  });
  await prisma.backlogItemControl.create({ data: { itemId: item.id, controlId: control.id } });
  const runbook = await prisma.runbook.create({
    data: {
      projectId: granted.id,
      key: "restore-walk",
      title: "Restore the walk database",
      cadenceDays: 90,
      createdAt: new Date("2026-01-01T00:00:00Z"),
    },
  });
  await prisma.runbookControl.create({ data: { runbookId: runbook.id, controlId: control.id } });
  const insideDrill = await exerciseWithFile(runbook.id, new Date("2026-04-15T09:00:00Z"), "inside-drill");
  const rule = await prisma.evidenceRule.create({
    data: { projectId: granted.id, name: "Walk rule", kind: "TEST_REPORT", conditions: {} },
  });
  await prisma.evidenceControl.updateMany({ where: { evidenceId: inside.id }, data: { via: "rule", ruleId: rule.id } });
  const request = await raiseRequest({
    ctx: ctxOf(auditor),
    auditId: audit.id,
    data: { title: "Show the unit tests", controlKey: control.key, dueAt: "2026-12-31" },
    now: new Date(),
  });
  await answerRequest({
    ctx: ctxOf(lead),
    auditId: audit.id,
    requestId: request.id,
    data: { evidenceIds: [inside.id], comment: "Attached." },
    now: new Date(),
  });

  const otherRunbook = await prisma.runbook.create({
    data: { projectId: other.id, key: "restore-other", title: "Restore the other database", cadenceDays: 90 },
  });

  async function makeLeak(): Promise<Leak> {
    const tag = randomBytes(4).toString("hex");
    const ev = async (projectId: string, effectiveAt: Date, label: string) =>
      makeEvidence({
        projectId,
        effectiveAt,
        title: `${label}-${tag}`,
        outcome: "FAIL",
        controlIds: [control.id],
        bytes: Buffer.from(`<testsuite name="${label}-${tag}" tests="1" failures="1"/>\n`),
      });
    const before = await ev(granted.id, JUST_BEFORE, "LEAK-BEFORE-WINDOW");
    const after = await ev(granted.id, JUST_AFTER, "LEAK-AFTER-WINDOW");
    const elsewhere = await ev(other.id, INSIDE, "LEAK-OTHER-PROJECT");
    // Filed by the project's rule, so that the rule's count of filings would include them.
    await prisma.evidenceControl.updateMany({
      where: { evidenceId: { in: [before.id, after.id] } },
      data: { via: "rule", ruleId: rule.id },
    });
    // A backdated upload: effective inside the window, collected after it closed. It is in the
    // window by its effective time, so the auditor sees it (flagged); it is no leak.
    const drills = [
      await exerciseWithFile(runbook.id, JUST_BEFORE, `LEAK-DRILL-BEFORE-${tag}`),
      await exerciseWithFile(runbook.id, JUST_AFTER, `LEAK-DRILL-AFTER-${tag}`),
      await exerciseWithFile(otherRunbook.id, INSIDE, `LEAK-DRILL-OTHER-${tag}`),
    ];
    const evidence = [before, after, elsewhere];
    return {
      needles: [
        ...evidence.flatMap((e) => [e.id, e.title, e.sha256!]),
        ...drills.flatMap((d) => [d.exercise.id, d.attachment.id, d.attachment.filename, d.attachment.sha256]),
        tag,
      ],
      evidenceIds: evidence.map((e) => e.id),
      exerciseIds: drills.map((d) => d.exercise.id),
      attachmentIds: drills.map((d) => d.attachment.id),
      remove: async () => {
        await prisma.evidence.deleteMany({ where: { id: { in: evidence.map((e) => e.id) } } });
        await prisma.runbookExercise.deleteMany({ where: { id: { in: drills.map((d) => d.exercise.id) } } });
      },
    };
  }

  return {
    lead,
    auditor,
    granted,
    other,
    audit,
    otherAudit,
    control,
    inside,
    item,
    runbook,
    insideDrill,
    rule,
    request,
    otherRunbook,
    makeLeak,
  };
}
