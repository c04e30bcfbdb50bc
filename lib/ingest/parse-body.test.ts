import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { refusal } from "@/lib/ingest/testing/refusals";
import { planParse, type BodyFile, type ParsePlan } from "@/lib/ingest/parse-body";
import { AuditLogStats } from "@/lib/ingest/audit-log";
import { DEFAULT_LIMITS, type IngestLimits } from "@/lib/ingest/limits";
import type { FormatId } from "@/lib/ingest/formats";
import { bufferBody, fileBody, fixtureFile } from "@/lib/ingest/testing/corpus";

const plan = (body: BodyFile, named?: FormatId, limits: Partial<IngestLimits> = {}) =>
  planParse({ body, named, limits: { ...DEFAULT_LIMITS, ...limits }, auditMapping: null });
const formatOf = (p: ParsePlan) => (p.type === "evidence" ? p.parsed.format : p.type);

describe("sniffing: our fixtures of every dependency audit, SBOM, SARIF and audit-log shape", () => {
  it.each([
    ["sarif/pylint-sec.sarif", "sarif"],
    ["sarif/rulescan.sarif", "sarif"],
    ["audit-deps/npm6-audit.json", "npm-audit"],
    ["audit-deps/npm7-audit.json", "npm-audit"],
    ["audit-deps/npm7-audit-clean.json", "npm-audit"],
    ["audit-deps/pnpm-audit.json", "npm-audit"],
    ["audit-deps/yarn1-audit.jsonl", "yarn-audit"],
    ["audit-deps/yarn4-audit.json", "yarn-audit"], // .json name, JSON Lines content
    ["sbom/cyclonedx-1.4-app.json", "cyclonedx"],
    ["sbom/cyclonedx-saasbom.json", "cyclonedx"],
    ["sbom/cyclonedx-vex.json", "cyclonedx"],
    ["sbom/cyclonedx-bomformat-last.json", "cyclonedx"], // bomFormat comes last
    ["sarif/bandit-native.json", "bandit"], // Bandit's own JSON, not SARIF
  ])("%s is %s", async (file, format) => {
    const p = await plan(fileBody(fixtureFile(file)));
    expect(formatOf(p)).toBe(format);
    expect(p.type === "evidence" && p.detected).toBe(true);
  });

  it.each([["audit-deps/ci-security-summary.json", "unknown-format", /keys "generated", "pipeline"/]])(
    "%s is refused (%s) and says what it is",
    async (file, reason, message) => {
      const err = await refusal(plan(fileBody(fixtureFile(file))));
      expect(err.reason).toBe(reason);
      expect(err.message).toMatch(message);
    },
  );

  it("a JUnit file is sniffed as XML and handed to the JUnit parser", async () => {
    const p = await plan(fileBody(fixtureFile("junit/jest-mixed.xml")));
    expect(formatOf(p)).toBe("junit");
  });
});

describe("sniffing our fixtures", () => {
  it.each([
    ["spdx-2.3.json", "spdx"],
    ["spdx-github-export.json", "spdx"],
    ["pip-audit.json", "pip-audit"],
    ["pip-audit-clean-legacy.json", "pip-audit"],
    ["drill-restore-study.json", "drill"],
    ["restic-backup.jsonl", "restic"],
    ["restic-restore.jsonl", "restic"],
    ["restic-snapshots.json", "restic"],
    ["pgbackrest-info.json", "pgbackrest"],
    ["cloudtrail.jsonl", "audit-log"],
    ["k8s-audit.jsonl", "audit-log"],
    ["vault-audit.jsonl", "audit-log"],
    ["app-audit.jsonl", "audit-log"],
  ])("%s is %s", async (file, format) => {
    expect(formatOf(await plan(fileBody(fixtureFile(file))))).toBe(format);
  });

  it("keeps a pgBackRest system id past 2^53 exact while parsing", async () => {
    const p = await plan(fileBody(fixtureFile("pgbackrest-info.json")));
    expect(p.type === "evidence" && p.parsed.outcome).toBe("PASS");
  });
});

describe("named formats are checked, never trusted blindly", () => {
  it("accepts a named format that matches, and one detection cannot tell (a drill without its type marker)", async () => {
    expect(formatOf(await plan(fileBody(fixtureFile("pip-audit.json")), "pip-audit"))).toBe("pip-audit");
    const drill = JSON.parse(readFileSync(fixtureFile("drill-restore-study.json"), "utf8"));
    delete drill.type;
    expect((await refusal(plan(bufferBody(JSON.stringify(drill))))).reason).toBe("unknown-format");
    const p = await plan(bufferBody(JSON.stringify(drill)), "drill");
    expect(p.type === "evidence" && !p.detected && p.parsed.outcome).toBe("PASS");
  });

  it("refuses a wrong format by name with what the body really is", async () => {
    const sarifAsSbom = await refusal(plan(fileBody(fixtureFile("sarif/pylint-sec.sarif")), "cyclonedx"));
    expect([sarifAsSbom.reason, sarifAsSbom.status]).toEqual(["format-mismatch", 422]);
    expect(sarifAsSbom.message).toBe(
      'You named the format "cyclonedx", but the body is SARIF 2.1.0 scan ("sarif"). Send it without ?format= or name the right one.',
    );
    const xmlAsSarif = await refusal(plan(fileBody(fixtureFile("junit/jest-mixed.xml")), "sarif"));
    expect(xmlAsSarif.message).toMatch(/but the body is JUnit XML test report/);
    const linesAsSarif = await refusal(plan(fileBody(fixtureFile("cloudtrail.jsonl")), "sarif"));
    expect(linesAsSarif.message).toBe(
      'You named the format "sarif", but the body is Audit log as JSON Lines ("audit-log"). Send it without ?format= or name the right one.',
    );
    const oddLines = await refusal(plan(bufferBody('{"x":1}\n{"x":2}\n'), "sarif"));
    expect(oddLines.message).toBe('You named the format "sarif", but the body is JSON Lines, which "sarif" never is.');
    expect((await refusal(plan(fileBody(fixtureFile("auditlogs/postgres-pgaudit.log")), "audit-log"))).reason).toBe(
      "format-mismatch",
    );
  });

  it("takes any bytes as a manual file, and refuses formats that have their own endpoint", async () => {
    expect((await plan(bufferBody(Buffer.from([0, 1, 2, 255])), "manual")).type).toBe("manual");
    expect((await refusal(plan(bufferBody("{}"), "github-workflow-run"))).reason).toBe("unsupported-format");
  });
});

describe("limits and empty bodies", () => {
  it("refuses empty and whitespace-only bodies", async () => {
    expect((await refusal(plan(bufferBody("")))).reason).toBe("empty-body");
    expect((await refusal(plan(bufferBody(" \n\t\n")))).reason).toBe("empty-body");
  });

  it("refuses a body over the stream limit and a JSON document over the document limit (413)", async () => {
    const body = fileBody(fixtureFile("spdx-2.3.json"));
    const big = await refusal(plan(body, undefined, { maxBodyBytes: 1000 }));
    expect([big.reason, big.status]).toEqual(["body-too-large", 413]);
    const doc = await refusal(plan(body, undefined, { maxJsonDocumentBytes: 1000 }));
    expect([doc.reason, doc.status]).toEqual(["document-too-large", 413]);
    expect(doc.message).toMatch(/Large data must be JSON Lines/);
  });

  it("an audit log is not held to the document limit, but each line is held to the line limit", async () => {
    const p = await plan(fileBody(fixtureFile("cloudtrail.jsonl")), undefined, {
      maxJsonDocumentBytes: 100,
      maxLineBytes: 2000,
    });
    expect(p.type).toBe("audit-log");
    const lines = [
      '{"ts":"2026-03-01T00:00:00Z","actor":"a","action":"b"}',
      `{"ts":"2026-03-01T00:00:01Z","actor":"a","action":"${"x".repeat(5000)}"}`,
    ].join("\n");
    const long = await plan(bufferBody(lines), undefined, { maxLineBytes: 4000 });
    expect(long.type).toBe("audit-log");
    const consume = async () => {
      if (long.type !== "audit-log") return;
      for await (const _ of long.events(new AuditLogStats())) void _;
    };
    const err = await refusal(consume());
    expect([err.reason, err.message]).toEqual([
      "line-too-long",
      "Line 2 is longer than 4 KB. Each line must be one record of at most that size.",
    ]);
  });

  it("refuses JSON Lines whose first line is over the line limit (which looks like one long document)", async () => {
    const first = `{"ts":"2026-03-01T00:00:00Z","actor":"a","action":"${"x".repeat(3000)}"}`;
    const err = await refusal(
      plan(bufferBody(`${first}\n{"ts":"2026-03-01T00:00:00Z","actor":"a","action":"b"}\n`), undefined, {
        maxLineBytes: 1024,
      }),
    );
    expect([err.reason, err.message]).toEqual([
      "line-too-long",
      "Line 1 is longer than 1 KB. Each line must be one record of at most that size.",
    ]);
  });

  it("tells a pretty-printed document, a one-line document and JSON Lines apart", async () => {
    const pretty = JSON.stringify({ bomFormat: "CycloneDX", specVersion: "1.5", components: [{ name: "a" }] }, null, 2);
    expect(formatOf(await plan(bufferBody(pretty)))).toBe("cyclonedx");
    expect(formatOf(await plan(bufferBody(`${JSON.stringify(JSON.parse(pretty))}\n`)))).toBe("cyclonedx");
    const one = '{"ts":"2026-03-01T00:00:00Z","actor":"a","action":"b"}';
    expect(formatOf(await plan(bufferBody(one)))).toBe("audit-log");
    expect(formatOf(await plan(bufferBody(`${one}\n${one}\n`)))).toBe("audit-log");
  });

  it("refuses malformed and truncated JSON documents with the reason", async () => {
    expect((await refusal(plan(bufferBody('{\n  "bomFormat": "CycloneDX",\n  "components": [')))).reason).toBe(
      "truncated",
    );
    expect((await refusal(plan(bufferBody('{\n  "bomFormat": CycloneDX\n}')))).reason).toBe("malformed-json");
  });
});
