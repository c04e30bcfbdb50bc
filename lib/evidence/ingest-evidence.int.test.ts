import { readFileSync, statSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { rm } from "node:fs/promises";
import { blobPath, hasBlob } from "@/lib/core/storage/blob-store";
import { disconnectBulkDb } from "@/lib/evidence/bulk-db";
import { controlByKey, makeToken, push, rowCounts } from "@/lib/evidence/testing/helpers";
import { fixtureFile } from "@/lib/ingest/testing/corpus";
import { refusal } from "@/lib/ingest/testing/refusals";
import { makeProject } from "@/tests/factories";
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import { POST as pushRoute } from "@/app/api/v1/projects/[slug]/evidence/route";
import { call } from "@/tests/api";

afterAll(disconnectBulkDb);

describe("ingesting evidence", () => {
  it("stores a JUnit report once: parsed summary, original by sha256, activity by the token", async () => {
    const project = await makeProject();
    const { ctx, token } = await makeToken(project.id);
    const file = fixtureFile("junit/jest-mixed.xml");
    const first = await push(
      ctx,
      project.slug,
      { file },
      { repo: "example/portal", branch: "main", commit: "ABCDEF1234567", workflow: "ci" },
    );
    expect(first).toMatchObject({
      status: "created",
      kind: "TEST_REPORT",
      format: "junit",
      formatDetected: true,
      outcome: "FAIL",
      summary: { tests: 6, failed: 2 },
    });
    const row = await prisma.evidence.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({
      tokenId: token.id,
      userId: null,
      sourceRepo: "example/portal",
      sourceBranch: "main",
      sourceCommit: "abcdef1234567",
      sourceWorkflow: "ci",
      byteSize: BigInt(statSync(file).size),
    });
    expect(row.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(row.dedupeKey).toBe(row.sha256);
    expect(await hasBlob(row.sha256!)).toBe(true);
    expect(row.effectiveAt.toISOString()).toBe("2026-02-03T10:11:12.000Z"); // the report's own timestamp
    const activity = await prisma.activityEvent.findMany({ where: { entityId: first.id } });
    expect(activity).toHaveLength(1);
    expect(activity[0]).toMatchObject({
      action: "evidence.ingest",
      actorType: "token",
      actorId: token.id,
      projectId: project.id,
    });

    await rm(blobPath(row.sha256!)); // a lost original is restored by the next push of the same bytes
    const again = await push(ctx, project.slug, readFileSync(file));
    expect(again).toMatchObject({ status: "existing", id: first.id });
    expect(await hasBlob(row.sha256!)).toBe(true);
    expect(await rowCounts(project.id)).toMatchObject({ evidence: 1, activity: 1 });
  });

  it("yields exactly one evidence when twenty clients push the same bytes at once", async () => {
    const project = await makeProject();
    const { ctx } = await makeToken(project.id);
    const bytes = readFileSync(fixtureFile("sarif/pylint-sec.sarif"));
    const results = await Promise.all(Array.from({ length: 20 }, () => push(ctx, project.slug, bytes)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(results.filter((r) => r.status === "created")).toHaveLength(1);
    expect(await rowCounts(project.id)).toMatchObject({ evidence: 1, activity: 1 });
  });

  it("files evidence under controls by rule, copies its facts to the filing, and sets expiry from freshness", async () => {
    const project = await makeProject();
    const { ctx } = await makeToken(project.id);
    const chg03 = await controlByKey("CHG-03"); // expects TEST_REPORT, fresh for 14 days
    const acc02 = await controlByKey("ACC-02"); // expects TEST_REPORT, fresh for 30 days
    await prisma.evidenceRule.create({
      data: {
        projectId: project.id,
        name: "release-check on main",
        kind: "TEST_REPORT",
        format: "junit",
        conditions: { workflow: "release-*", branch: "main" },
        controls: { create: [{ controlId: chg03.id }, { controlId: acc02.id }] },
      },
    });
    const effectiveAt = "2026-02-10T12:00:00Z";
    const filed = await push(
      ctx,
      project.slug,
      { file: fixtureFile("junit/pytest-one-failure.xml") },
      { workflow: "release-check", branch: "main", effectiveAt },
    );
    expect(filed.controls).toEqual(["ACC-02", "CHG-03"]);
    const rows = await prisma.evidenceControl.findMany({ where: { evidenceId: filed.id } });
    expect(rows).toHaveLength(2);
    for (const r of rows)
      expect(r).toMatchObject({
        projectId: project.id,
        kind: "TEST_REPORT",
        outcome: "FAIL",
        effectiveAt: new Date(effectiveAt),
        via: "rule",
      });
    const freshest = Math.min(
      ...[chg03, acc02].map((c) => c.expectations.find((e) => e.kind === "TEST_REPORT")!.freshnessDays),
    );
    expect(filed.expiresAt).toEqual(new Date(Date.parse(effectiveAt) + freshest * 86_400_000));

    const other = await push(
      ctx,
      project.slug,
      { file: fixtureFile("junit/empty-suite.xml") },
      { workflow: "release-check", branch: "feature/x" },
    );
    expect([other.controls, other.expiresAt]).toEqual([[], null]);
  });

  it("records a drill as an exercise of its runbook, judged against the runbook's own targets", async () => {
    const project = await makeProject();
    const { ctx } = await makeToken(project.id);
    const runbook = await prisma.runbook.create({
      data: {
        projectId: project.id,
        key: "restore-study",
        title: "Restore the study database",
        rtoTargetSeconds: 1800,
        rpoTargetSeconds: 900,
      },
    });
    const result = await push(ctx, project.slug, { file: fixtureFile("drill-restore-study.json") });
    // The report's own RTO target is 3600 s, but the runbook's 1800 s wins: 2470 s is over it.
    expect(result).toMatchObject({
      status: "created",
      kind: "RESTORE_DRILL",
      outcome: "FAIL",
      summary: { outcomeReason: "RTO 2470s is over the 1800s target.", targets: { rtoSeconds: 1800, rpoSeconds: 900 } },
    });
    const exercise = await prisma.runbookExercise.findFirstOrThrow({ where: { runbookId: runbook.id } });
    expect(exercise).toMatchObject({
      outcome: "FAIL",
      measuredRtoSeconds: 2470,
      measuredRpoSeconds: 300,
      evidenceId: result.id,
      performedAt: new Date("2026-03-02T09:41:10Z"),
    });
    expect(result.exerciseId).toBe(exercise.id);
    const actions = (
      await prisma.activityEvent.findMany({ where: { projectId: project.id }, orderBy: { id: "asc" } })
    ).map((a) => a.action);
    expect(actions).toEqual(["evidence.ingest", "runbook.exercise"]);
  });

  it("keeps a drill without a matching runbook as evidence only", async () => {
    const project = await makeProject();
    const { ctx } = await makeToken(project.id);
    const result = await push(ctx, project.slug, { file: fixtureFile("drill-restore-study.json") });
    expect(result).toMatchObject({ outcome: "PASS", exerciseId: null, summary: { runbook: null } });
  });

  it("writes every line of an audit log as an event with COPY, keeping big integers exact", async () => {
    const project = await makeProject();
    const { ctx } = await makeToken(project.id);
    const r = await push(ctx, project.slug, { file: fixtureFile("app-audit.jsonl") });
    expect(r).toMatchObject({
      status: "created",
      kind: "AUDIT_LOG",
      format: "audit-log",
      outcome: "WARN",
      summary: { events: 5, rejected: 4, lines: 10 },
    });
    const events = await prisma.auditEvent.findMany({ where: { evidenceId: r.id }, orderBy: { lineNo: "asc" } });
    expect(events.map((e) => [e.lineNo, e.actor, e.action, e.target])).toEqual([
      [1, "alice@example.test", "role.grant", "user:bob"],
      [2, "bob@example.test", "export.download", "study-42"],
      [4, "carol", "login", null],
      [6, "(unknown)", "missing.actor", null],
      [10, "12345678901234567890123", "service.call", "9007199254740993"],
    ]);
    expect(events[0].raw).toContain('"ip":"198.51.100.7"');
    const row = await prisma.evidence.findUniqueOrThrow({ where: { id: r.id } });
    expect([row.periodStart?.toISOString(), row.periodEnd?.toISOString(), row.effectiveAt.toISOString()]).toEqual([
      "2026-03-02T09:00:00.000Z",
      "2026-03-02T09:02:00.000Z",
      "2026-03-02T09:02:00.000Z",
    ]);
  });

  it("leaves none of an audit log's rows when it fails after hundreds of thousands of good lines", async () => {
    const project = await makeProject();
    const { ctx } = await makeToken(project.id);
    const good = 250_000; // spans three COPY batches
    async function* body() {
      for (let i = 0; i < good; i += 5000) {
        let chunk = "";
        for (let j = i; j < i + 5000; j++)
          chunk += `{"ts":"2026-03-01T00:00:00Z","actor":"u${j % 50}","action":"read","target":"doc-${j}"}\n`;
        yield Buffer.from(chunk);
      }
      yield Buffer.from([0x7b, 0xff, 0x7d, 0x0a]); // invalid UTF-8 on the last line
    }
    const err = await refusal(push(ctx, project.slug, body()));
    expect(err.reason).toBe("invalid-utf8");
    expect(await rowCounts(project.id)).toEqual({ evidence: 0, filed: 0, events: 0, exercises: 0, activity: 0 });
  });

  it("refuses an audit log in which no line is an event, leaving nothing", async () => {
    const project = await makeProject();
    const { ctx } = await makeToken(project.id);
    const lines = '{"ts":"2026-03-01T00:00:00Z","actor":"a","action":"x"}\n';
    // Named as an audit log, but only the first line can be read... then none at all:
    const err = await refusal(
      push(ctx, project.slug, '{"level":"info","msg":1}\n{"level":"warn"}\n', { format: "audit-log" }),
    );
    expect(err.reason).toBe("invalid-content");
    expect(err.message).toMatch(/None of the 2 line\(s\)/);
    expect((await push(ctx, project.slug, lines)).status).toBe("created");
    expect(await rowCounts(project.id)).toMatchObject({ evidence: 1, events: 1 });
  });

  it("refuses bad bodies with a specific reason and leaves no rows", async () => {
    const project = await makeProject();
    const { ctx } = await makeToken(project.id);
    const cases: Array<[string | Buffer, string, Record<string, string>?]> = [
      [readFileSync(fixtureFile("junit/truncated.xml")), "truncated"],
      ['<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "boom">]><testsuite name="&e;"/>', "doctype-refused"],
      ['{"bomFormat": "CycloneDX", "components": [', "truncated"],
      ['{"bomFormat": CycloneDX}', "malformed-json"],
      [readFileSync(fixtureFile("sarif/pylint-sec.sarif")), "format-mismatch", { format: "spdx" }],
      [readFileSync(fixtureFile("auditlogs/postgres-pgaudit-malformed.log")), "invalid-content"],
      [readFileSync(fixtureFile("auditlogs/auditd-malformed.log")), "invalid-content"],
      [readFileSync(fixtureFile("auditlogs/cloudtrail-truncated.json.gz")), "truncated"],
      [readFileSync(fixtureFile("auditlogs/cloudtrail-digest.json")), "unsupported-format"],
      [readFileSync(fixtureFile("backups/pgbackrest-restore-truncated.log")), "truncated"],
      [Buffer.from([0x3c, 0x74, 0xff, 0x3e]), "invalid-utf8"],
      ["", "empty-body"],
    ];
    for (const [body, reason, meta] of cases)
      expect((await refusal(push(ctx, project.slug, body, meta))).reason).toBe(reason);
    const line = await refusal(
      push(
        ctx,
        project.slug,
        `{"ts":"2026-03-01T00:00:00Z","actor":"a","action":"${"x".repeat(2048)}"}\n{"ts":"2026-03-01T00:00:00Z","actor":"a","action":"b"}\n`,
        {},
        { maxLineBytes: 1024 },
      ),
    );
    expect(line.reason).toBe("line-too-long");
    const tooBig = await refusal(
      push(ctx, project.slug, readFileSync(fixtureFile("spdx-2.3.json")), {}, { maxBodyBytes: 512 }),
    );
    expect(tooBig.reason).toBe("body-too-large");
    expect(await rowCounts(project.id)).toEqual({ evidence: 0, filed: 0, events: 0, exercises: 0, activity: 0 });
  });

  it("through the route: refuses a body that differs from its Content-Digest or Content-Length, takes gzip, answers sha256 and byteSize", async () => {
    const project = await makeProject();
    const { secret } = await makeToken(project.id);
    // Bytes no other test stored (the blob store is shared by content).
    const body = Buffer.concat([
      readFileSync(fixtureFile("junit/jest-mixed.xml")),
      Buffer.from(`<!-- ${project.id} -->\n`),
    ]);
    const sha = createHash("sha256").update(body).digest();
    const digest = (b: Buffer) => `sha-256=:${b.toString("base64")}:`;
    const send = (raw: Buffer, headers: Record<string, string>) =>
      call(pushRoute, {
        method: "POST",
        params: { slug: project.slug },
        bearer: secret,
        rawBody: new Uint8Array(raw),
        headers,
      });
    const wrong = await send(body, { "content-digest": digest(createHash("sha256").update("other").digest()) });
    expect([wrong.status, wrong.body.type]).toEqual([400, "urn:proofline:problem:body-digest-mismatch"]);
    const short = await send(body, { "content-length": String(body.length + 10) });
    expect([short.status, short.body.type]).toEqual([400, "urn:proofline:problem:body-length-mismatch"]);
    expect(await rowCounts(project.id)).toMatchObject({ evidence: 0 });
    expect(await hasBlob(sha.toString("hex"))).toBe(false);
    const gz = gzipSync(body);
    const ok = await send(gz, {
      "content-encoding": "gzip",
      "content-digest": digest(createHash("sha256").update(gz).digest()),
    });
    expect([ok.status, ok.body.sha256, ok.body.byteSize, ok.body.format]).toEqual([
      201,
      sha.toString("hex"),
      body.length,
      "junit",
    ]);
  });
});
