// A small but complete audit for packet tests: a project assessed against SOC 2, evidence with
// originals in the blob store (in and out of the window), a not-applicable control, a backlog item,
// a restore drill, a request with an answer, a population with a sample.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { prisma } from "@/lib/db";
import { blobPath, blobStore, putBytes } from "@/lib/core/storage/blob-store";
import { makeEvidence } from "@/lib/audits/audit-test-data";
import { makeAuditedProject } from "@/lib/audits/testing/audited-project";
import { raiseRequest } from "@/lib/audits/raise-request";
import { answerRequest } from "@/lib/audits/answer-request";
import { createPopulation } from "@/lib/audits/create-population";
import { builtNow } from "@/lib/audits/population-build";
import { drawSample } from "@/lib/audits/draw-population-sample";
import { ctxOf } from "@/tests/factories";

export const WINDOW = { start: new Date("2026-01-01T00:00:00Z"), end: new Date("2026-06-30T23:59:59.999Z") };
const AT = new Date("2026-07-05T00:00:00Z");

// Into whichever store the environment configures (the multi-instance tier runs on S3).
async function storeBlob(bytes: Buffer, sha256: string) {
  if (blobStore().kind === "s3") {
    await putBytes(bytes);
    return;
  }
  const file = blobPath(sha256);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
}

export async function packetWorld() {
  const { lead, auditor, project, audit } = await makeAuditedProject({
    window: WINDOW,
    auditName: "SOC 2 Type II FY26 H1",
    leadName: "Lena Lead",
    auditorName: "Aud Auditor",
    project: {
      name: "Research Portal",
      slug: `portal-${Math.random().toString(36).slice(2, 6)}`,
      frameworks: ["soc2"],
    },
  });
  const controls = await prisma.control.findMany({
    where: { key: { in: ["ACC-02", "CHG-01", "CHG-03", "BCK-01", "GOV-07"] } },
  });
  const id = (key: string) => controls.find((c) => c.key === key)!.id;

  const evidence = [];
  const specs = [
    {
      title: "Unit tests (main)",
      kind: "TEST_REPORT",
      outcome: "PASS",
      at: "2026-02-10T08:00:00Z",
      controls: ["ACC-02", "CHG-03"],
    },
    {
      title: "Unit tests (release)",
      kind: "TEST_REPORT",
      outcome: "FAIL",
      at: "2026-05-20T08:00:00Z",
      controls: ["ACC-02", "CHG-03"],
    },
    {
      title: "CI run 4411 on main",
      kind: "CI_RUN",
      outcome: "PASS",
      at: "2026-03-01T12:00:00Z",
      controls: ["CHG-03"],
      branch: "main",
    },
    {
      title: "Access review Q1",
      kind: "MANUAL_FILE",
      outcome: "INFO",
      at: "2026-03-31T12:00:00Z",
      controls: ["ACC-02"],
    },
    {
      title: "Unit tests (after the window)",
      kind: "TEST_REPORT",
      outcome: "PASS",
      at: "2026-07-02T08:00:00Z",
      controls: ["ACC-02"],
    },
  ] as const;
  for (const spec of specs) {
    const bytes = Buffer.from(
      `<testsuite name="${spec.title}" tests="3" failures="${spec.outcome === "FAIL" ? 1 : 0}"/>\n`,
    );
    const e = await makeEvidence({
      projectId: project.id,
      title: spec.title,
      kind: spec.kind,
      outcome: spec.outcome,
      effectiveAt: new Date(spec.at),
      bytes,
      controlIds: spec.controls.map(id),
      sourceBranch: "branch" in spec ? spec.branch : undefined,
    });
    await storeBlob(bytes, e.sha256!);
    evidence.push(e);
  }
  await prisma.projectControl.create({
    data: {
      projectId: project.id,
      controlId: id("GOV-07"),
      notApplicable: true,
      justification: "No board: a two-person research team.",
    },
  });
  const item = await prisma.backlogItem.create({
    data: { projectId: project.id, key: "REL-007", title: "Enforce branch protection on main", priority: "HIGH" },
  });
  await prisma.backlogItemControl.create({ data: { itemId: item.id, controlId: id("CHG-01") } });
  const runbook = await prisma.runbook.create({
    data: {
      projectId: project.id,
      key: "restore-study",
      title: "Restore the study database",
      rtoTargetSeconds: 4 * 3600,
      rpoTargetSeconds: 3600,
    },
  });
  await prisma.runbookControl.create({ data: { runbookId: runbook.id, controlId: id("BCK-01") } });
  await prisma.runbookExercise.create({
    data: {
      runbookId: runbook.id,
      performedAt: new Date("2026-04-15T09:00:00Z"),
      outcome: "PASS",
      measuredRtoSeconds: 2 * 3600,
      measuredRpoSeconds: 7200,
    },
  });
  await prisma.pullRequest.createMany({
    data: Array.from({ length: 12 }, (_, i) => ({
      projectId: project.id,
      repo: "acme/portal",
      number: 100 + i,
      title: `Change ${i}`,
      url: `https://github.com/acme/portal/pull/${100 + i}`,
      state: "merged",
      author: "lee",
      baseBranch: "main",
      mergedAt: new Date(Date.UTC(2026, 1, 1 + i)),
    })),
  });

  const request = await raiseRequest({
    ctx: ctxOf(auditor),
    auditId: audit.id,
    data: { title: "Evidence of access reviews", requirementRef: "CC6.2", dueAt: "2026-07-20" },
    now: AT,
  });
  await answerRequest({
    ctx: ctxOf(lead),
    auditId: audit.id,
    requestId: request.id,
    data: { evidenceIds: [evidence[3].id], comment: "The Q1 review is attached." },
    now: AT,
  });
  const population = await builtNow(
    createPopulation({
      ctx: ctxOf(auditor),
      auditId: audit.id,
      data: { controlKey: "CHG-01", filter: { kind: "merged-prs" } },
      now: AT,
    }),
  );
  const sample = await drawSample({
    ctx: ctxOf(auditor),
    auditId: audit.id,
    populationId: population.id,
    data: { size: 4, seed: "fy26" },
    now: AT,
  });
  return { lead, auditor, project, audit, evidence, request, population, sample };
}
