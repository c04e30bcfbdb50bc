// A hand-made world at the edges of the readiness rule (docs/readiness.md), for checking
// compute-readiness and the independent SQL against figures derived by hand. Test-only.
//
// Controls (state as of `now`):
//   P1, P2, P3  CI run every 30 days, passed a day ago                       passing
//   S1          CI run every 30 days, passed 40 days ago                     stale
//   F1          CI run every 30 days, failed 2 days ago                      failing
//   N1          marked not applicable for the project                       not applicable
//   A1          archived (a failed run)                                      left out
//   R1          runbook without a cadence, exercised (PASS) 200 days ago     passing
//   R2          runbook without a cadence, two exercises at the same moment,
//               FAIL recorded first, PASS recorded later (and with the larger id): the worse counts    failing
//   X1          nothing expected, no runbook                                 stale (nothing proves it)
//   E1          CI run every 30 days, passed exactly 30 days before `now`    stale at `now`, passing 1 ms before
//   ORPHAN      failed run; mapped only to a retired requirement with nothing current beneath it: not gathered
//
// Requirements ("(g)" not assessable; "(retired)"; controls mapped to it in brackets):
//   K (category)(g) [N1]
//     KF (family)(g) [P1]
//       KF.1 (g) [S1]            KF.1.a [P2], KF.1.b          <- three levels inherit into each point
//       KF.2 [P2]   KF.3
//     KG (family)(g)
//       KG.1
//       KG.2 (g) [A1: archived]  KG.2.a, KG.2.b [F1]
//   R (family)(g)
//     R.old (g)(retired) [F1]    R.old.1 [P3]
//     R.na (g)(retired, not applicable by default)   R.na.1 [F1], R.na.2
//     R.2 [P3]                   R.2.x (retired) [S1]
//     R.gone (retired) [ORPHAN]
//   CH (category)(g)
//     A32 (assessable, with assessable points) [R2]   A32.a [P1], A32.b [R1]
//     A33 [R1]
//   EDGE [E1]
//   LOOSE (g)                    LOOSE.a [X1], LOOSE.b [R1], LOOSE.c
import { prisma } from "@/lib/db";
import { DAY_MS } from "@/lib/core/time";

export interface BoundaryWorld {
  projectId: string;
  slug: string;
  frameworkId: string;
  frameworkKey: string;
  /** Control key by its short name (P1, S1, …). */
  control: Record<string, string>;
}

type Spec = {
  refId: string;
  parent?: string;
  level?: string;
  assessable?: boolean;
  retired?: boolean;
  na?: string;
  controls?: string[];
};

const TREE: Spec[] = [
  { refId: "K", level: "category", assessable: false, controls: ["N1"] },
  { refId: "KF", parent: "K", level: "family", assessable: false, controls: ["P1"] },
  { refId: "KF.1", parent: "KF", assessable: false, controls: ["S1"] },
  { refId: "KF.1.a", parent: "KF.1", level: "point", controls: ["P2"] },
  { refId: "KF.1.b", parent: "KF.1", level: "point" },
  { refId: "KF.2", parent: "KF", controls: ["P2"] },
  { refId: "KF.3", parent: "KF" },
  { refId: "KG", parent: "K", level: "family", assessable: false },
  { refId: "KG.1", parent: "KG" },
  { refId: "KG.2", parent: "KG", assessable: false, controls: ["A1"] },
  { refId: "KG.2.a", parent: "KG.2", level: "point" },
  { refId: "KG.2.b", parent: "KG.2", level: "point", controls: ["F1"] },
  { refId: "R", level: "family", assessable: false },
  { refId: "R.old", parent: "R", assessable: false, retired: true, controls: ["F1"] },
  { refId: "R.old.1", parent: "R.old", level: "point", controls: ["P3"] },
  { refId: "R.na", parent: "R", assessable: false, retired: true, na: "Dropped from scope for teams like ours." },
  { refId: "R.na.1", parent: "R.na", level: "point", controls: ["F1"] },
  { refId: "R.na.2", parent: "R.na", level: "point" },
  { refId: "R.2", parent: "R", controls: ["P3"] },
  { refId: "R.2.x", parent: "R.2", level: "point", retired: true, controls: ["S1"] },
  { refId: "R.gone", parent: "R", retired: true, controls: ["ORPHAN"] },
  { refId: "CH", level: "category", assessable: false },
  { refId: "A32", parent: "CH", controls: ["R2"] },
  { refId: "A32.a", parent: "A32", level: "point", controls: ["P1"] },
  { refId: "A32.b", parent: "A32", level: "point", controls: ["R1"] },
  { refId: "A33", parent: "CH", controls: ["R1"] },
  { refId: "EDGE", controls: ["E1"] },
  { refId: "LOOSE", assessable: false },
  { refId: "LOOSE.a", parent: "LOOSE", level: "point", controls: ["X1"] },
  { refId: "LOOSE.b", parent: "LOOSE", level: "point", controls: ["R1"] },
  { refId: "LOOSE.c", parent: "LOOSE", level: "point" },
];

export async function makeBoundaryWorld(tag: string, now: Date): Promise<BoundaryWorld> {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const project = await prisma.project.create({
    data: { slug: tag, name: `Boundary ${tag}`, createdAt: ago(400 * DAY_MS) },
  });
  const fw = await prisma.framework.create({ data: { key: `fw-${tag}`, name: `Boundary ${tag}`, version: "2" } });
  await prisma.projectFramework.create({ data: { projectId: project.id, frameworkId: fw.id } });

  const names = ["P1", "P2", "P3", "S1", "F1", "N1", "A1", "R1", "R2", "X1", "E1", "ORPHAN"];
  const ids: Record<string, string> = {};
  const keys: Record<string, string> = {};
  for (const name of names) {
    const c = await prisma.control.create({
      data: {
        key: `${tag}-${name}`,
        title: `Control ${name}`,
        description: "",
        frequency: "MONTHLY",
        archivedAt: name === "A1" ? ago(DAY_MS) : null,
      },
    });
    ids[name] = c.id;
    keys[name] = c.key;
  }
  const ci: Array<[string, "PASS" | "FAIL", number]> = [
    ["P1", "PASS", DAY_MS],
    ["P2", "PASS", DAY_MS],
    ["P3", "PASS", DAY_MS],
    ["S1", "PASS", 40 * DAY_MS],
    ["F1", "FAIL", 2 * DAY_MS],
    ["N1", "FAIL", 2 * DAY_MS],
    ["A1", "FAIL", 2 * DAY_MS],
    ["E1", "PASS", 30 * DAY_MS],
    ["ORPHAN", "FAIL", 2 * DAY_MS],
  ];
  await prisma.controlExpectation.createMany({
    data: ci.map(([name]) => ({ controlId: ids[name], kind: "CI_RUN" as const, freshnessDays: 30 })),
  });
  for (const [name, outcome, before] of ci) {
    const at = ago(before);
    const id = `${tag}-ev-${name}`;
    await prisma.evidence.create({
      data: {
        id,
        projectId: project.id,
        kind: "CI_RUN",
        format: "test",
        title: `run ${name}`,
        outcome,
        summary: {},
        dedupeKey: id,
        effectiveAt: at,
        collectedAt: at,
      },
    });
    await prisma.evidenceControl.create({
      data: {
        evidenceId: id,
        controlId: ids[name],
        projectId: project.id,
        kind: "CI_RUN",
        outcome,
        effectiveAt: at,
        collectedAt: at,
        via: "manual",
      },
    });
  }
  await prisma.projectControl.create({
    data: { projectId: project.id, controlId: ids.N1, notApplicable: true, justification: "No offices" },
  });

  const rb1 = await prisma.runbook.create({
    data: {
      projectId: project.id,
      key: `${tag}-rb1`,
      title: "Failover rehearsal",
      cadenceDays: null,
      createdAt: ago(300 * DAY_MS),
    },
  });
  await prisma.runbookControl.create({ data: { runbookId: rb1.id, controlId: ids.R1 } });
  await prisma.runbookExercise.create({ data: { runbookId: rb1.id, performedAt: ago(200 * DAY_MS), outcome: "PASS" } });
  const rb2 = await prisma.runbook.create({
    data: {
      projectId: project.id,
      key: `${tag}-rb2`,
      title: "Restore drill",
      cadenceDays: null,
      createdAt: ago(300 * DAY_MS),
    },
  });
  await prisma.runbookControl.create({ data: { runbookId: rb2.id, controlId: ids.R2 } });
  const tie = ago(10 * DAY_MS);
  await prisma.runbookExercise.create({
    data: {
      id: `${tag}-x-a`,
      runbookId: rb2.id,
      performedAt: tie,
      outcome: "FAIL",
      createdAt: ago(10 * DAY_MS - 60_000),
    },
  });
  await prisma.runbookExercise.create({
    data: {
      id: `${tag}-x-b`,
      runbookId: rb2.id,
      performedAt: tie,
      outcome: "PASS",
      createdAt: ago(10 * DAY_MS - 120_000),
    },
  });

  const reqIds = new Map<string, string>();
  for (const [position, r] of TREE.entries()) {
    const row = await prisma.requirement.create({
      data: {
        frameworkId: fw.id,
        refId: r.refId,
        parentId: r.parent ? reqIds.get(r.parent)! : null,
        level: r.level ?? "requirement",
        assessable: r.assessable ?? true,
        title: `Requirement ${r.refId}`,
        position,
        defaultNotApplicableReason: r.na ?? null,
        retiredAt: r.retired ? ago(20 * DAY_MS) : null,
      },
    });
    reqIds.set(r.refId, row.id);
    if (r.controls?.length)
      await prisma.controlMapping.createMany({
        data: r.controls.map((name) => ({ controlId: ids[name], requirementId: row.id })),
      });
  }
  return { projectId: project.id, slug: project.slug, frameworkId: fw.id, frameworkKey: fw.key, control: keys };
}
