// Generated data for npm run bench:packet (scripts/bench-packet.ts): one Type II audit of three
// projects with enough evidence, requests, drills, pull requests and audit-log lines for a packet of
// about 1,000 pages. Bulk rows go in with INSERT ... SELECT FROM generate_series, not through the ORM.
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { createPopulation } from "@/lib/audits/create-population";
import { builtNow } from "@/lib/audits/population-build";
import { drawSample } from "@/lib/audits/draw-population-sample";
import { DAY_MS } from "@/lib/core/time";

export async function generatePacketBenchData(opts: { evidence: number; requests: number; blobDir: string }) {
  const started = Date.now();
  const now = new Date();
  const end = new Date(now.getTime() - DAY_MS);
  const start = new Date(end.getTime() - 180 * DAY_MS);
  const lead = await prisma.user.create({
    data: { email: "bench-lead@example.test", name: "Bench Lead", role: "COMPLIANCE_LEAD", passwordHash: "-" },
  });
  const auditor = await prisma.user.create({
    data: { email: "bench-auditor@example.test", name: "Bench Auditor", role: "AUDITOR", passwordHash: "-" },
  });
  const soc2 = await prisma.framework.findUniqueOrThrow({ where: { key: "soc2" } });
  const projects = [];
  for (const [slug, name] of [
    ["portal", "Research Portal"],
    ["engine", "Inference Engine"],
    ["orchestrator", "Data Orchestrator"],
  ]) {
    projects.push(
      await prisma.project.create({ data: { slug, name, frameworks: { create: { frameworkId: soc2.id } } } }),
    );
  }
  const audit = await prisma.audit.create({
    data: {
      name: "Bench SOC 2 Type II",
      frameworkId: soc2.id,
      windowStart: start,
      windowEnd: end,
      leadId: lead.id,
      status: "FIELDWORK",
      projects: { create: projects.map((p) => ({ projectId: p.id })) },
    },
  });
  await prisma.auditorGrant.create({
    data: {
      auditId: audit.id,
      userId: auditor.id,
      expiresAt: new Date(now.getTime() + 30 * DAY_MS),
      grantedById: lead.id,
    },
  });
  const controls = (
    await prisma.control.findMany({
      where: { mappings: { some: { requirement: { frameworkId: soc2.id } } } },
      select: { id: true },
      orderBy: { key: "asc" },
    })
  ).map((c) => c.id);
  const ids = projects.map((p) => p.id);
  const kinds = ["TEST_REPORT", "CI_RUN", "SAST_SCAN", "DEPENDENCY_AUDIT", "MANUAL_FILE", "SBOM", "DEPLOYMENT"];
  const span = end.getTime() - start.getTime();

  await prisma.$executeRawUnsafe(
    `INSERT INTO "Evidence"(id, "projectId", kind, format, title, outcome, summary, "dedupeKey", "effectiveAt", "collectedAt", "sourceBranch", "sourceWorkflow", "expiresAt")
     SELECT 'ev' || g, ($1::text[])[g % 3 + 1], ($2::text[])[g % 7 + 1]::"EvidenceKind", 'bench',
            (ARRAY['Unit tests','Release check','Dependency audit','Code scan','Access review','SBOM','Deploy'])[g % 7 + 1] || ' #' || g,
            (CASE WHEN g % 13 = 0 THEN 'FAIL' WHEN g % 29 = 0 THEN 'WARN' ELSE 'PASS' END)::"EvidenceOutcome", '{}', 'bench-' || g,
            $3::timestamp + (g::float8 / $4) * $5 * interval '1 millisecond', $3::timestamp + (g::float8 / $4) * $5 * interval '1 millisecond',
            CASE WHEN g % 2 = 0 THEN 'main' ELSE 'feature/' || (g % 40) END, 'release-check',
            $3::timestamp + (g::float8 / $4) * $5 * interval '1 millisecond' + interval '30 days'
     FROM generate_series(1, $4) g`,
    ids,
    kinds,
    start,
    opts.evidence,
    span,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "EvidenceControl"("evidenceId", "controlId", "projectId", kind, outcome, "effectiveAt", "collectedAt", via)
     SELECT e.id, ($1::text[])[((substr(e.id, 3)::int * k) % array_length($1::text[], 1)) + 1], e."projectId", e.kind, e.outcome, e."effectiveAt", e."collectedAt", 'rule'
     FROM "Evidence" e, generate_series(1, 2) k WHERE e.format = 'bench' AND (k = 1 OR substr(e.id, 3)::int % 2 = 0)
     ON CONFLICT DO NOTHING`,
    controls,
  );
  // A few hundred pieces carry originals, stored in the blob store like ingested files.
  const withBytes = await prisma.evidence.findMany({
    where: { format: "bench" },
    take: 300,
    orderBy: { id: "asc" },
    select: { id: true, title: true },
  });
  for (const e of withBytes) {
    const bytes = Buffer.from(
      `<testsuite name="${e.title}" tests="12" failures="0">${"<testcase/>".repeat(40)}</testsuite>\n`,
    );
    const sha = createHash("sha256").update(bytes).digest("hex");
    const file = path.join(opts.blobDir, "sha256", sha.slice(0, 2), sha);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes);
    await prisma.evidence.update({
      where: { id: e.id },
      data: { sha256: sha, byteSize: BigInt(bytes.length), originalName: "junit.xml" },
    });
  }
  await prisma.projectControl.createMany({
    data: controls.slice(0, 6).map((controlId) => ({
      projectId: ids[0],
      controlId,
      notApplicable: true,
      justification: "Not used by this system.",
    })),
  });
  await prisma.$executeRawUnsafe(
    `INSERT INTO "BacklogItem"(id, "projectId", key, title, priority, status, "updatedAt") SELECT 'bi' || g, ($1::text[])[g % 3 + 1], 'GAP-' || g, 'Gap ' || g, 'HIGH', 'OPEN', now() FROM generate_series(1, 60) g`,
    ids,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "BacklogItemControl"("itemId", "controlId") SELECT 'bi' || g, ($1::text[])[g % array_length($1::text[], 1) + 1] FROM generate_series(1, 60) g`,
    controls,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "Runbook"(id, "projectId", key, title, "rtoTargetSeconds", "rpoTargetSeconds", "updatedAt") SELECT 'rb' || g, ($1::text[])[g % 3 + 1], 'restore-' || g, 'Restore drill ' || g, 14400, 3600, now() FROM generate_series(1, 6) g`,
    ids,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "RunbookExercise"(id, "runbookId", "performedAt", outcome, "measuredRtoSeconds", "measuredRpoSeconds")
     SELECT 'rx' || g || '-' || k, 'rb' || g, $1::timestamp + k * interval '25 days', (CASE WHEN k = 3 THEN 'FAIL' ELSE 'PASS' END)::"ExerciseOutcome", 3000 + k * 2000, 600 * k FROM generate_series(1, 6) g, generate_series(0, 6) k`,
    start,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "PullRequest"(id, "projectId", repo, number, title, url, state, author, "baseBranch", "mergedAt", "updatedAt")
     SELECT 'pr' || g, ($1::text[])[g % 3 + 1], 'acme/app', g, 'Change ' || g, 'https://example.test/pr/' || g, 'merged', 'dev' || (g % 9), 'main', $2::timestamp + g * interval '2 hours', now()
     FROM generate_series(1, 1500) g`,
    ids,
    start,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO "AuditEvent"("projectId", "evidenceId", "lineNo", "occurredAt", actor, action, outcome, raw)
     SELECT ($1::text[])[g % 3 + 1], 'ev1', g, $2::timestamp + g * interval '2 minutes', 'user' || (g % 50), (ARRAY['role.grant','role.revoke','login','export'])[g % 4 + 1], CASE WHEN g % 31 = 0 THEN 'failure' ELSE 'success' END, '{}'
     FROM generate_series(1, 100000) g`,
    ids,
    start,
  );
  for (let i = 0; i < opts.requests; i++) {
    await prisma.evidenceRequest.create({
      data: {
        auditId: audit.id,
        controlId: controls[i % controls.length],
        title: `Evidence for sample item ${i + 1}`,
        detail: "Show the approval and the test run for this change, with the reviewer's name.",
        status: i % 3 === 0 ? "ACCEPTED" : i % 3 === 1 ? "ANSWERED" : "OPEN",
        ownerId: lead.id,
        raisedById: auditor.id,
        comments: {
          create: [
            { authorId: auditor.id, body: "Please include the reviewer and the date of approval." },
            { authorId: lead.id, kind: "answer", body: "Attached the run and the approval record." },
            { authorId: auditor.id, kind: "comment", body: "Thank you; the run matches the change." },
          ],
        },
      },
    });
  }
  const ctx: RequestCtx = {
    actor: { kind: "user", user: { id: auditor.id, email: auditor.email, name: auditor.name, role: "AUDITOR" } },
  };
  const prs = await builtNow(
    createPopulation({ ctx, auditId: audit.id, now, data: { filter: { kind: "merged-prs" } } }),
  );
  await drawSample({ ctx, auditId: audit.id, populationId: prs.id, now, data: { size: 60, seed: "bench" } });
  const roles = await builtNow(
    createPopulation({ ctx, auditId: audit.id, now, data: { filter: { kind: "audit-events", action: "role.*" } } }),
  );
  await drawSample({ ctx, auditId: audit.id, populationId: roles.id, now, data: { size: 100, seed: "bench" } });
  const packet = await prisma.packet.create({
    data: { auditId: audit.id, requestedById: auditor.id, stage: "Waiting for the worker" },
  });
  await prisma.$executeRawUnsafe("ANALYZE");
  return {
    auditId: audit.id,
    packetId: packet.id,
    leadId: lead.id,
    leadEmail: lead.email,
    summary: `${opts.evidence.toLocaleString("en-US")} evidence rows in the window over 3 projects, ${controls.length} controls, ${opts.requests} requests, 1,500 merged PRs, 100,000 audit-log lines (generated in ${((Date.now() - started) / 1000).toFixed(1)} s):`,
  };
}
