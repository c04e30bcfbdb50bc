import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST as pushRoute, GET as listRoute } from "@/app/api/v1/projects/[slug]/evidence/route";
import { GET as detailRoute } from "@/app/api/v1/projects/[slug]/evidence/[id]/route";
import { GET as originalRoute } from "@/app/api/v1/projects/[slug]/evidence/[id]/original/route";
import { disconnectBulkDb } from "@/lib/evidence/bulk-db";
import { makeToken, rowCounts } from "@/lib/evidence/testing/helpers";
import { fixtureFile } from "@/lib/ingest/testing/corpus";
import { call } from "@/tests/api";
import { makeProject, makeUser } from "@/tests/factories";

afterAll(disconnectBulkDb);
const PROBLEM = "application/problem+json";

async function setup() {
  const project = await makeProject();
  const { secret, token } = await makeToken(project.id);
  const pushAs = (bearer: string | undefined, body: BodyInit, query = "", headers: Record<string, string> = {}) =>
    call(pushRoute, {
      method: "POST",
      path: `/api/v1/projects/${project.slug}/evidence${query}`,
      params: { slug: project.slug },
      rawBody: body,
      bearer,
      headers,
    });
  return {
    project,
    secret,
    token,
    push: (body: BodyInit, query = "", headers: Record<string, string> = {}) => pushAs(secret, body, query, headers),
    pushAs,
  };
}

describe("POST /api/v1/projects/{project}/evidence", () => {
  it("answers 201 with id, kind, format, outcome and summary, then 200 with the same id for the same bytes", async () => {
    const { project, push } = await setup();
    const bytes = readFileSync(fixtureFile("sarif/rulescan.sarif"));
    const first = await push(bytes, "?repo=example%2Fpygoat&branch=main", {
      "x-proofline-commit": "c45f8ffbc611bf61d7cdf81c3fd09be3aed9545d",
      "x-proofline-workflow": "semgrep",
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      status: "created",
      kind: "SAST_SCAN",
      format: "sarif",
      formatDetected: true,
      outcome: "FAIL",
      summary: { results: 9 },
    });
    expect(first.headers.get("location")).toBe(`/api/v1/projects/${project.slug}/evidence/${first.body.id}`);
    const row = await prisma.evidence.findUniqueOrThrow({ where: { id: first.body.id } });
    expect([row.sourceRepo, row.sourceBranch, row.sourceCommit, row.sourceWorkflow]).toEqual([
      "example/pygoat",
      "main",
      "c45f8ffbc611bf61d7cdf81c3fd09be3aed9545d",
      "semgrep",
    ]);
    const second = await push(bytes, "?format=sarif");
    expect([second.status, second.body.status, second.body.id]).toEqual([200, "existing", first.body.id]);
  });

  it("refuses missing, wrong, expired and revoked tokens (401) and another project's or an unscoped token (403), writing nothing", async () => {
    const { project, pushAs } = await setup();
    const other = await makeProject();
    const foreign = await makeToken(other.id);
    const expired = await makeToken(project.id, { expiresAt: new Date(Date.now() - 60_000) });
    const revoked = await makeToken(project.id, { revokedAt: new Date(Date.now() - 60_000) });
    const readOnly = await makeToken(project.id, { scopes: ["readiness:read"] });
    const body = readFileSync(fixtureFile("pip-audit.json"));
    const cases: Array<[string | undefined, number, RegExp]> = [
      [undefined, 401, /Send a project token|Sign in/],
      ["pl_notARealTokenAtAll000000000000000000000000", 401, /not valid/],
      ["ghp_somethingElse", 401, /not a Proofline project token/],
      [expired.secret, 401, /expired on/],
      [revoked.secret, 401, /was revoked on/],
      [foreign.secret, 403, /belongs to another project/],
      [readOnly.secret, 403, /not allowed to evidence write/],
    ];
    for (const [bearer, status, detail] of cases) {
      const res = await pushAs(bearer, body);
      expect(res.status, String(detail)).toBe(status);
      expect(res.headers.get("content-type")).toBe(PROBLEM);
      expect(res.body.detail).toMatch(detail);
    }
    expect(await rowCounts(project.id)).toMatchObject({ evidence: 0, activity: 0 });
    expect(await rowCounts(other.id)).toMatchObject({ evidence: 0 });
  });

  it("gives each kind of bad body its own 4xx problem and leaves no rows", async () => {
    const { project, push } = await setup();
    const cases: Array<[BodyInit, string, number, string, Record<string, string>?]> = [
      [readFileSync(fixtureFile("junit/truncated.xml")), "", 400, "ingest-truncated"],
      ["<testsuite><testcase name='a'></testsuite>", "", 400, "ingest-malformed-xml"],
      [
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><testsuite name="&x;"/>',
        "",
        400,
        "ingest-doctype-refused",
      ],
      ['{"runs": [', "", 400, "ingest-truncated"],
      ["{'single': 'quotes'}", "", 400, "ingest-malformed-json"],
      [Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]), "", 400, "ingest-invalid-utf8"],
      ["", "", 400, "ingest-empty-body"],
      [readFileSync(fixtureFile("pip-audit.json")), "?format=cyclonedx", 422, "ingest-format-mismatch"],
      [readFileSync(fixtureFile("junit/jest-mixed.xml")), "?format=sarif", 422, "ingest-format-mismatch"],
      [readFileSync(fixtureFile("scanners/trivy-results-not-array.json")), "", 422, "ingest-invalid-content"],
      [readFileSync(fixtureFile("scanners/trivy-schema-1.json")), "", 415, "ingest-unsupported-format"],
      [readFileSync(fixtureFile("audit-deps/ci-security-summary.json")), "", 415, "ingest-unknown-format"],
      ['{"type":"restore-drill","name":"x"}', "", 422, "ingest-invalid-content"],
      ['{"error":{"code":"ENOLOCK","summary":"no lockfile"}}', "?format=npm-audit", 422, "ingest-tool-error"],
      [
        `{"ts":"2026-03-01T00:00:00Z","actor":"a","action":"${"x".repeat(1024 * 1024 + 10)}"}\n{"ts":"2026-03-01T00:00:00Z","actor":"a","action":"b"}\n`,
        "",
        413,
        "ingest-line-too-long",
      ],
      ["{}", "?format=nonsense", 422, "invalid-input"],
      ["{}", "?colour=red", 422, "invalid-input"],
      ["{}", "?commit=not-a-sha", 422, "invalid-input"],
      ["{}", "?effectiveAt=yesterday", 422, "invalid-input"],
      ["{}", "?outcome=PASS&format=sarif", 422, "ingest-invalid-content"],
    ];
    for (const [body, query, status, type] of cases) {
      const res = await push(body, query);
      expect([res.status, res.body.type], `${type} ${query}`).toEqual([status, `urn:proofline:problem:${type}`]);
      expect(res.headers.get("content-type")).toBe(PROBLEM);
      expect(res.body.detail.length).toBeGreaterThan(10);
    }
    expect(await rowCounts(project.id)).toEqual({ evidence: 0, filed: 0, events: 0, exercises: 0, activity: 0 });
  });

  it("refuses a body over the limit from its Content-Length (413) before reading it", async () => {
    const { project, push } = await setup();
    const res = await push("x", "", { "content-length": String(2 * 1024 * 1024 * 1024) });
    expect([res.status, res.body.type]).toEqual([413, "urn:proofline:problem:ingest-body-too-large"]);
    expect(await rowCounts(project.id)).toMatchObject({ evidence: 0 });
  });

  it("refuses a JSON document over 50 MB (413) and leaves no rows", async () => {
    const { project, push } = await setup();
    const component = JSON.stringify({ type: "library", name: "x".repeat(200), version: "1.0.0" });
    const count = Math.ceil((51 * 1024 * 1024) / component.length);
    const doc = `{"bomFormat":"CycloneDX","specVersion":"1.5","components":[${Array(count).fill(component).join(",")}]}`;
    const res = await push(doc);
    expect([res.status, res.body.type]).toEqual([413, "urn:proofline:problem:ingest-document-too-large"]);
    expect(await rowCounts(project.id)).toMatchObject({ evidence: 0 });
  });
});

describe("reading evidence through the API", () => {
  it("lists with filters and a cursor, shows one evidence, and downloads the original byte for byte", async () => {
    const { project, secret, push } = await setup();
    const junit = readFileSync(fixtureFile("junit/multiresult.xml")); // failing, effective 2025-11-20
    const sbom = readFileSync(fixtureFile("spdx-2.3.json"));
    const drill = readFileSync(fixtureFile("drill-restore-study.json"));
    for (const b of [junit, sbom, drill]) expect((await push(b, "?repo=example%2Fportal")).status).toBe(201);
    const list = (q: string) =>
      call(listRoute, {
        path: `/api/v1/projects/${project.slug}/evidence${q}`,
        params: { slug: project.slug },
        bearer: secret,
      });
    const page1 = await list("?limit=2");
    expect(page1.status).toBe(200);
    expect(page1.body.items.map((i: { format: string }) => i.format)).toEqual(["drill", "spdx"]); // newest effective first
    const page2 = await list(`?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((i: { format: string }) => i.format)).toEqual(["junit"]);
    expect(page2.body.nextCursor).toBeNull();
    expect((await list("?kind=SBOM")).body.items).toHaveLength(1);
    expect((await list("?outcome=FAIL")).body.items.map((i: { format: string }) => i.format)).toEqual(["junit"]);
    expect(
      (await list("?from=2026-01-01T00:00:00Z&to=2026-02-28T00:00:00Z")).body.items.map(
        (i: { format: string }) => i.format,
      ),
    ).toEqual(["spdx"]);
    expect((await list("?repo=example%2Fother")).body.items).toHaveLength(0);
    expect((await list("?cursor=garbage")).status).toBe(422);
    expect((await list("?control=NOPE-99")).status).toBe(404);

    const id = page2.body.items[0].id;
    const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
    const detail = await call(detailRoute, { params: { slug: project.slug, id }, asUser: lead.id });
    expect(detail.body).toMatchObject({
      id,
      format: "junit",
      summary: { tests: 4, failed: 1, errored: 1 },
      addedBy: { type: "token" },
    });
    const original = await call(originalRoute, { params: { slug: project.slug, id }, asUser: lead.id });
    expect(original.status).toBe(200);
    expect(original.headers.get("content-disposition")).toMatch(/^attachment; filename="junit-.*\.xml"$/);
    expect(original.body).toBe(junit.toString("utf8"));
    const auditor = await makeUser({ role: "AUDITOR" });
    expect(
      (await call(detailRoute, { params: { slug: project.slug, id: "missing" }, asUser: auditor.id })).status,
    ).toBe(404);
  });
});
