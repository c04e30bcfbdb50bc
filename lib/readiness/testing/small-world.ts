// A small, hand-made readiness world for integration and browser tests: one project assessed against
// its own framework with two families, three requirements and three controls:
//   R-CHG.1  <- CHG (expects CI_RUN, 30 days): a passing run 40 days ago, then a FAILED run 2 days ago
//   R-BCK.1  <- BCK (runbook "restore", 90-day cadence, last drill 100 days ago): overdue
//   R-BCK.2  <- LOG (expects AUDIT_LOG, 30 days): passing 5 days ago -> met
// Test-only. Every key is unique per call.
import { prisma } from "@/lib/db";
import { newTokenSecret } from "@/lib/tokens/token-secret";
import { uniq } from "@/tests/factories";
import { DAY_MS } from "@/lib/core/time";
import { fileEvidence } from "@/lib/readiness/testing/filed-evidence";

export interface SmallWorld {
  project: { id: string; slug: string; name: string };
  framework: { id: string; key: string };
  controls: { chg: string; bck: string; log: string };
  failedEvidenceId: string;
  failedTitle: string;
  runbookId: string;
}

async function file(
  projectId: string,
  controlId: string,
  kind: "CI_RUN" | "AUDIT_LOG",
  outcome: "PASS" | "FAIL",
  at: Date,
  title: string,
) {
  const ev = await fileEvidence({
    projectId,
    controlId,
    kind,
    outcome,
    format: "test",
    title,
    effectiveAt: at,
    dedupeKey: uniq("dk"),
    sourceBranch: "main",
    via: "rule",
  });
  return ev.id;
}

export async function makeSmallWorld(now: Date): Promise<SmallWorld> {
  const slug = uniq("ready").toLowerCase();
  const project = await prisma.project.create({
    data: { slug, name: `Readiness ${slug}`, createdAt: new Date(now.getTime() - 200 * DAY_MS) },
  });
  const key = uniq("fw").toLowerCase();
  const fw = await prisma.framework.create({ data: { key, name: `Framework ${key}`, version: "1" } });
  await prisma.projectFramework.create({ data: { projectId: project.id, frameworkId: fw.id } });
  const fam = async (refId: string, position: number) =>
    prisma.requirement.create({
      data: { frameworkId: fw.id, refId, level: "family", assessable: false, title: `${refId} family`, position },
    });
  const chgFam = await fam("R-CHG", 1);
  const bckFam = await fam("R-BCK", 2);
  const req = async (refId: string, parentId: string, title: string, position: number) =>
    prisma.requirement.create({ data: { frameworkId: fw.id, refId, parentId, level: "requirement", title, position } });
  const r1 = await req("R-CHG.1", chgFam.id, "Changes are tested before release", 1);
  const r2 = await req("R-BCK.1", bckFam.id, "Restores are rehearsed", 1);
  const r3 = await req("R-BCK.2", bckFam.id, "Access is logged", 2);

  const control = (suffix: string, title: string) =>
    prisma.control.create({
      data: { key: `${uniq("T").toUpperCase()}-${suffix}`, title, description: "", frequency: "DAILY" },
    });
  const chg = await control("CHG", "Release gate passes on main");
  const bck = await control("BCK", "Restore drill every quarter");
  const log = await control("LOG", "Audit log collected");
  await prisma.controlExpectation.createMany({
    data: [
      { controlId: chg.id, kind: "CI_RUN", freshnessDays: 30 },
      { controlId: log.id, kind: "AUDIT_LOG", freshnessDays: 30 },
    ],
  });
  await prisma.controlMapping.createMany({
    data: [
      { controlId: chg.id, requirementId: r1.id },
      { controlId: bck.id, requirementId: r2.id },
      { controlId: log.id, requirementId: r3.id },
    ],
  });
  await file(project.id, chg.id, "CI_RUN", "PASS", new Date(now.getTime() - 40 * DAY_MS), "release-check");
  const failedTitle = `release-check ${slug}`;
  const failedEvidenceId = await file(
    project.id,
    chg.id,
    "CI_RUN",
    "FAIL",
    new Date(now.getTime() - 2 * DAY_MS),
    failedTitle,
  );
  await file(project.id, log.id, "AUDIT_LOG", "PASS", new Date(now.getTime() - 5 * DAY_MS), "audit log export");
  const runbook = await prisma.runbook.create({
    data: {
      projectId: project.id,
      key: "restore",
      title: "Restore drill",
      cadenceDays: 90,
      createdAt: new Date(now.getTime() - 190 * DAY_MS),
    },
  });
  await prisma.runbookControl.create({ data: { runbookId: runbook.id, controlId: bck.id } });
  await prisma.runbookExercise.create({
    data: { runbookId: runbook.id, performedAt: new Date(now.getTime() - 100 * DAY_MS), outcome: "PASS" },
  });
  return {
    project: { id: project.id, slug: project.slug, name: project.name },
    framework: { id: fw.id, key: fw.key },
    controls: { chg: chg.key, bck: bck.key, log: log.key },
    failedEvidenceId,
    failedTitle,
    runbookId: runbook.id,
  };
}

export async function makeToken(projectId: string, scopes: string[]): Promise<string> {
  const { secret, prefix, hash } = newTokenSecret();
  await prisma.apiToken.create({ data: { projectId, name: uniq("ci"), prefix, tokenHash: hash, scopes } });
  return secret;
}
