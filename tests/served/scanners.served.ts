// The served tier for issue 15's inputs: each scanner's JSON pushed through `next start` (detected without
// ?format=), its truncated variant refused with nothing written, and the GitLab and GitHub security-alert
// webhooks delivered over HTTP. Started by `tsx scripts/test.ts served`.
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { makeProject, makeUser } from "@/tests/factories";
import { sessionCookie } from "@/tests/api";
import { makeToken, rowCounts } from "@/lib/evidence/testing/helpers";
import { fixtureFile } from "@/lib/ingest/testing/corpus";

const BASE = process.env.SERVED_URL!;
if (!BASE) throw new Error("Run the served tier through `tsx scripts/test.ts served` (it starts the server).");

let project: { id: string; slug: string };
let bearer: Record<string, string>;
let cookie: Record<string, string>;

beforeAll(async () => {
  project = await makeProject();
  bearer = { authorization: `Bearer ${(await makeToken(project.id)).secret}` };
  cookie = { cookie: await sessionCookie((await makeUser({ role: "COMPLIANCE_LEAD" })).id) };
});
afterAll(async () => {
  await prisma.$disconnect();
});

async function post(url: string, body: string | Buffer, headers: Record<string, string>) {
  const res = await fetch(`${BASE}${url}`, {
    method: "POST",
    headers,
    body: typeof body === "string" ? body : new Uint8Array(body),
  });
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type"), body: text ? JSON.parse(text) : null };
}

const pushFile = (file: string, query = "") =>
  post(`/api/v1/projects/${project.slug}/evidence${query}`, readFileSync(fixtureFile(file)), bearer);

describe("scanner reports over HTTP", () => {
  it.each([
    [
      "scanners/trivy-image.json",
      "trivy",
      "DEPENDENCY_AUDIT",
      "FAIL",
      { vulnerablePackages: 4, severities: { critical: 2, high: 1, moderate: 1 }, secrets: 1 },
    ],
    [
      "scanners/trivy-fs.json",
      "trivy",
      "DEPENDENCY_AUDIT",
      "WARN",
      { vulnerablePackages: 3, severities: { moderate: 2, low: 1 }, misconfigurations: 1 },
    ],
    [
      "scanners/grype-image.json",
      "grype",
      "DEPENDENCY_AUDIT",
      "FAIL",
      { vulnerablePackages: 3, severities: { high: 1, moderate: 1, info: 1 }, ignoredMatches: 1 },
    ],
    [
      "scanners/osv-scanner.json",
      "osv-scanner",
      "DEPENDENCY_AUDIT",
      "FAIL",
      { vulnerablePackages: 3, severities: { high: 1, moderate: 1, low: 1 } },
    ],
    ["scanners/gitleaks.json", "gitleaks", "SAST_SCAN", "FAIL", { findings: 2, severities: { high: 2 } }],
    [
      "scanners/bandit.json",
      "bandit",
      "SAST_SCAN",
      "WARN",
      { findings: 3, severities: { moderate: 1, low: 2 }, errors: 1 },
    ],
  ])("%s is detected as %s (%s, %s) with its counts", async (file, format, kind, outcome, counts) => {
    const res = await pushFile(file);
    expect([res.status, res.body.format, res.body.formatDetected, res.body.kind, res.body.outcome]).toEqual([
      201,
      format,
      true,
      kind,
      outcome,
    ]);
    expect(res.body.summary).toMatchObject(counts);
  });

  it("a clean gitleaks report (`[]`) is taken when named, and passes", async () => {
    const res = await pushFile("scanners/gitleaks-clean.json", "?format=gitleaks");
    expect([res.status, res.body.format, res.body.outcome]).toEqual([201, "gitleaks", "PASS"]);
  });

  it.each([
    ["scanners/trivy-truncated.json", 400, "ingest-truncated"],
    ["scanners/grype-truncated.json", 400, "ingest-truncated"],
    ["scanners/osv-scanner-truncated.json", 400, "ingest-truncated"],
    ["scanners/gitleaks-truncated.json", 400, "ingest-truncated"],
    ["scanners/bandit-truncated.json", 400, "ingest-truncated"],
    ["scanners/trivy-results-not-array.json", 422, "ingest-invalid-content"],
    ["scanners/grype-match-without-artifact.json", 422, "ingest-invalid-content"],
    ["scanners/trivy-schema-1.json", 415, "ingest-unsupported-format"],
  ])("%s is refused (%i %s) and nothing is written", async (file, status, type) => {
    const before = await rowCounts(project.id);
    const res = await pushFile(file);
    expect([res.status, res.type, res.body.type]).toEqual([
      status,
      "application/problem+json",
      `urn:proofline:problem:${type}`,
    ]);
    expect(await rowCounts(project.id)).toEqual(before);
  });
});

describe("GitLab webhook over HTTP", () => {
  it("checks X-Gitlab-Token; a Pipeline Hook is CI_RUN evidence once, a replay answers with it; Deployment Hook is DEPLOYMENT evidence", async () => {
    const created = await post(`/api/v1/projects/${project.slug}/gitlab/token`, "", cookie);
    expect(created.status).toBe(200);
    const url = `/api/v1/projects/${project.slug}/gitlab`;
    const hook = (name: string) => readFileSync(fixtureFile(`gitlab/${name}`));
    const headers = (event: string, token: string) => ({
      "content-type": "application/json",
      "x-gitlab-event": event,
      "x-gitlab-token": token,
    });

    const before = await rowCounts(project.id);
    const wrong = await post(url, hook("pipeline-hook.json"), headers("Pipeline Hook", "not-the-token"));
    expect([wrong.status, wrong.body.type]).toEqual([401, "urn:proofline:problem:ingest-bad-signature"]);
    expect(await rowCounts(project.id)).toEqual(before);

    const first = await post(url, hook("pipeline-hook.json"), headers("Pipeline Hook", created.body.token));
    expect([first.status, first.body.status, first.body.evidence.kind, first.body.evidence.outcome]).toEqual([
      201,
      "created",
      "CI_RUN",
      "FAIL",
    ]);
    const replay = await post(url, hook("pipeline-hook.json"), headers("Pipeline Hook", created.body.token));
    expect([replay.status, replay.body.status, replay.body.evidence.id]).toEqual([
      200,
      "existing",
      first.body.evidence.id,
    ]);
    const dep = await post(url, hook("deployment-hook.json"), headers("Deployment Hook", created.body.token));
    expect([dep.status, dep.body.evidence.kind, dep.body.evidence.format]).toEqual([
      201,
      "DEPLOYMENT",
      "gitlab-deployment",
    ]);
    const mr = await post(url, hook("merge-request-merged.json"), headers("Merge Request Hook", created.body.token));
    expect([mr.status, mr.body.status, mr.body.state, mr.body.evidenceId]).toEqual([
      200,
      "merge-request",
      "merged",
      expect.any(String),
    ]);
  });
});

describe("GitHub security alerts over HTTP", () => {
  it("a signed dependabot_alert keeps one record, updated by the fix", async () => {
    const created = await post(`/api/v1/projects/${project.slug}/github/secret`, "", cookie);
    expect(created.status).toBe(200);
    const deliver = (payload: unknown, delivery: string) => {
      const body = JSON.stringify(payload);
      return post(`/api/v1/projects/${project.slug}/github`, body, {
        "content-type": "application/json",
        "x-github-event": "dependabot_alert",
        "x-github-delivery": delivery,
        "x-hub-signature-256": `sha256=${createHmac("sha256", created.body.secret).update(body).digest("hex")}`,
      });
    };
    const alert = {
      number: 3,
      state: "open",
      created_at: "2026-10-01T08:00:00Z",
      updated_at: "2026-10-01T08:00:00Z",
      security_advisory: { summary: "Prototype pollution", severity: "critical" },
      dependency: { package: { name: "merge-deep-lite" } },
    };
    const opened = await deliver(
      { action: "created", repository: { full_name: "example/api" }, alert },
      "served-alert-1",
    );
    expect([opened.status, opened.body.status, opened.body.severity, opened.body.state]).toEqual([
      200,
      "security-alert",
      "critical",
      "open",
    ]);
    const fixed = await deliver(
      {
        action: "fixed",
        repository: { full_name: "example/api" },
        alert: { ...alert, state: "fixed", fixed_at: "2026-10-09T08:00:00Z", updated_at: "2026-10-09T08:00:00Z" },
      },
      "served-alert-2",
    );
    expect([fixed.status, fixed.body.state]).toEqual([200, "fixed"]);
    const rows = await prisma.securityAlert.findMany({ where: { projectId: project.id } });
    expect(rows.map((r) => [r.source, r.number, r.state, r.closedAt?.toISOString()])).toEqual([
      ["dependabot", 3, "fixed", "2026-10-09T08:00:00.000Z"],
    ]);
  });
});
