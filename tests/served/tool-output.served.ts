// Tools' own output through the served app (`next start`, as users run it): backup and restore logs
// judged FAIL from their content, a drill of several files pushed with the CLI and with multipart from
// any HTTP client, and gzipped CloudTrail files sent as they are. scripts/test.ts starts the server.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, existsSync, statSync, createReadStream } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { makeProject } from "@/tests/factories";
import { makeToken, rowCounts } from "@/lib/evidence/testing/helpers";
import { fixtureFile } from "@/lib/ingest/testing/corpus";
import { main as cli } from "../../public/cli/proofline.mjs";
import { send } from "./bodies";
import { writeCloudTrailGz } from "./cloudtrail-body";

const BASE = process.env.SERVED_URL!;
const PID = Number(process.env.SERVED_PID);
const BLOB_DIR = process.env.BLOB_DIR!;
if (!BASE || !PID || !BLOB_DIR)
  throw new Error("Run the served tier through `tsx scripts/test.ts served` (it starts the server).");

let project: { id: string; slug: string };
let secret: string;
let bearer: Record<string, string>;
const tmp = mkdtempSync(path.join(os.tmpdir(), "proofline-served-tools-"));

beforeAll(async () => {
  project = await makeProject();
  secret = (await makeToken(project.id)).secret;
  bearer = { authorization: `Bearer ${secret}` };
});
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await prisma.$disconnect();
});

const evidenceUrl = () => `${BASE}/api/v1/projects/${project.slug}/evidence`;
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const blobExists = (hex: string) =>
  existsSync(BLOB_DIR) && readdirSync(BLOB_DIR, { recursive: true }).some((f) => String(f).endsWith(hex));

async function pushFile(file: string, headers: Record<string, string> = {}) {
  const res = await fetch(evidenceUrl(), {
    method: "POST",
    headers: { ...bearer, "content-type": "application/octet-stream", ...headers },
    body: new Uint8Array(readFileSync(file)),
  });
  return { status: res.status, body: await res.json() };
}

describe("backup and restore tools' output", () => {
  it("a failed pgBackRest restore and a corrupted restic check are FAIL evidence", async () => {
    const restore = await pushFile(fixtureFile("backups/pgbackrest-restore-failed.log"));
    expect([
      restore.status,
      restore.body.kind,
      restore.body.format,
      restore.body.formatDetected,
      restore.body.outcome,
      restore.body.summary.errorCode,
    ]).toEqual([201, "RESTORE_DRILL", "pgbackrest-log", true, "FAIL", "038"]);
    const check = await pushFile(fixtureFile("backups/restic-check-corrupted.txt"));
    expect([check.status, check.body.kind, check.body.format, check.body.outcome]).toEqual([
      201,
      "BACKUP",
      "restic-check",
      "FAIL",
    ]);
    expect(check.body.summary.outcomeReason).toMatch(/Fatal: repository contains errors/);
  });

  it("a drill of several files pushed with the CLI: each file stored, the drill judged with its measured RTO", async () => {
    const files = ["pgbackrest-backup.log", "pgbackrest-restore.log", "postgres-recovery.log", "verify-counts.txt"].map(
      (f) => fixtureFile(`backups/${f}`),
    );
    const lines: string[] = [];
    const env = { PROOFLINE_URL: BASE, PROOFLINE_TOKEN: secret };
    const code = await cli(
      ["push", "--drill", "ledger-served", ...files, "--project", project.slug, "--runbook", "restore-ledger"],
      env,
      (l: string) => lines.push(l),
      (l: string) => lines.push(l),
    );
    expect([code, lines.at(-1)]).toEqual([0, "Measured RTO: 317 s"]);
    expect(lines.slice(0, 4)).toEqual([
      expect.stringMatching(/^Stored: pgbackrest-backup\.log as evidence \S+ \(pgbackrest-log, PASS\)$/),
      expect.stringMatching(/^Stored: pgbackrest-restore\.log as evidence \S+ \(pgbackrest-log, PASS\)$/),
      expect.stringMatching(/^Stored: postgres-recovery\.log as evidence \S+ \(postgres-recovery, PASS\)$/),
      expect.stringMatching(/^Stored: verify-counts\.txt as evidence \S+ \(manual, PASS\)$/),
    ]);
    const drill = await prisma.evidence.findFirstOrThrow({
      where: { projectId: project.id, format: "drill", subject: "ledger-served" },
    });
    expect([drill.outcome, (drill.summary as { rtoSeconds: number }).rtoSeconds]).toEqual(["PASS", 317]);
  });

  it("a drill over the API as multipart/form-data: a failed restore fails it; a refused file refuses it all", async () => {
    const form = new FormData();
    form.append(
      "restore",
      new Blob([new Uint8Array(readFileSync(fixtureFile("backups/pgbackrest-restore-failed.log")))]),
      "restore.log",
    );
    form.append(
      "check",
      new Blob([new Uint8Array(readFileSync(fixtureFile("backups/restic-check-ok.txt")))]),
      "check.txt",
    );
    const res = await fetch(`${BASE}/api/v1/projects/${project.slug}/drills?name=ledger-failed`, {
      method: "POST",
      headers: bearer,
      body: form,
    });
    const body = await res.json();
    expect([
      res.status,
      body.drill.outcome,
      body.files.map((f: { result: { outcome: string } }) => f.result.outcome),
    ]).toEqual([201, "FAIL", ["FAIL", "PASS"]]);

    const before = await rowCounts(project.id);
    const bad = new FormData();
    bad.append(
      "restore",
      new Blob([new Uint8Array(readFileSync(fixtureFile("backups/pgbackrest-restore.log")))]),
      "restore-2.log",
    );
    bad.append(
      "recovery",
      new Blob([new Uint8Array(readFileSync(fixtureFile("backups/postgres-recovery-truncated.log")))]),
      "recovery.log",
    );
    const refused = await fetch(`${BASE}/api/v1/projects/${project.slug}/drills?name=ledger-cut`, {
      method: "POST",
      headers: bearer,
      body: bad,
    });
    const problem = await refused.json();
    expect([refused.status, refused.headers.get("content-type"), problem.type]).toEqual([
      400,
      "application/problem+json",
      "urn:proofline:problem:ingest-truncated",
    ]);
    expect(problem.detail).toMatch(/^recovery\.log: /);
    expect(await rowCounts(project.id)).toEqual(before);
    const wrongType = await fetch(`${BASE}/api/v1/projects/${project.slug}/drills?name=x`, {
      method: "POST",
      headers: { ...bearer, "content-type": "application/json" },
      body: "{}",
    });
    expect(wrongType.status).toBe(415);
  });
});

describe("gzipped CloudTrail files", () => {
  it("a gzip body sent as it is (no Content-Encoding) loads every record as an event and keeps the gzip", async () => {
    const file = path.join(tmp, "cloudtrail.json.gz");
    const written = await writeCloudTrailGz(file, 2 * 1024 * 1024);
    const answer = await send(evidenceUrl(), {
      headers: { ...bearer, "content-type": "application/gzip", "content-length": String(written.bytes) },
      chunks: createReadStream(file),
    });
    expect([
      answer?.status,
      answer?.body.format,
      answer?.body.formatDetected,
      answer?.body.summary.events,
      answer?.body.summary.rejected,
    ]).toEqual([201, "cloudtrail", true, written.records, 0]);
    expect([answer?.body.sha256, answer?.body.byteSize]).toEqual([written.sha256, statSync(file).size]);
    expect(await prisma.auditEvent.count({ where: { evidenceId: answer!.body.id } })).toBe(written.records);
  });

  it("a cut-off gzip file is refused as truncated, leaving no rows and no stored original", async () => {
    const bytes = readFileSync(fixtureFile("auditlogs/cloudtrail-truncated.json.gz"));
    const before = await rowCounts(project.id);
    const res = await fetch(evidenceUrl(), {
      method: "POST",
      headers: { ...bearer, "content-type": "application/gzip" },
      body: new Uint8Array(bytes),
    });
    expect([res.status, (await res.json()).type]).toEqual([400, "urn:proofline:problem:ingest-truncated"]);
    expect(await rowCounts(project.id)).toEqual(before);
    expect(blobExists(sha(bytes))).toBe(false);
  });
});
