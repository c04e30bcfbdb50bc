import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST as webhookRoute } from "@/app/api/v1/projects/[slug]/github/route";
import { POST as secretRoute } from "@/app/api/v1/projects/[slug]/github/secret/route";
import { call } from "@/tests/api";
import { makeProject, makeUser } from "@/tests/factories";
import { rowCounts } from "@/lib/evidence/testing/helpers";
import { deliverGithub } from "@/lib/evidence/testing/github-delivery";

async function setup() {
  const project = await makeProject();
  const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
  const created = await call(secretRoute, { method: "POST", params: { slug: project.slug }, asUser: lead.id });
  expect(created.status).toBe(200);
  const secret: string = created.body.secret;
  const deliver = (
    event: string,
    payload: unknown,
    opts: { form?: boolean; signWith?: string; signature?: string | null; deliveryId?: string } = {},
  ) => {
    const json = JSON.stringify(payload);
    return deliverGithub({
      slug: project.slug,
      event,
      body: opts.form ? `payload=${encodeURIComponent(json)}` : json,
      deliveryId: opts.deliveryId ?? `d-${Math.random()}`,
      sign: opts.signature === undefined ? { secret: opts.signWith ?? secret } : { signature: opts.signature },
      contentType: opts.form ? "application/x-www-form-urlencoded" : "application/json",
    });
  };
  return { project, lead, secret, deliver };
}

const repository = { full_name: "example/portal" };
const pr = (over: Record<string, unknown>) => ({
  action: "opened",
  repository,
  pull_request: {
    number: 42,
    title: "Fix REL-001: rotate keys",
    body: "Also touches gap-7.",
    html_url: "https://github.com/example/portal/pull/42",
    state: "open",
    merged: false,
    merged_at: null,
    user: { login: "dev" },
    head: { sha: "a".repeat(40), ref: "feature/sec-12-keys" },
    base: { ref: "main" },
    created_at: "2026-03-01T10:00:00Z",
    ...over,
  },
});

describe("GitHub webhooks", () => {
  it("refuses a bad, missing or foreign signature with 401 and writes nothing", async () => {
    const { project, deliver } = await setup();
    const other = await setup();
    for (const res of [
      await deliver("workflow_run", {}, { signature: "sha256=" + "0".repeat(64) }),
      await deliver("workflow_run", {}, { signature: null }),
      await deliver("workflow_run", {}, { signWith: other.secret }),
      await deliver("workflow_run", {}, { signature: "sha1=abc" }),
    ]) {
      expect([res.status, res.body.type]).toEqual([401, "urn:proofline:problem:ingest-bad-signature"]);
    }
    expect(await rowCounts(project.id)).toMatchObject({ evidence: 0, activity: 1 }); // only the secret's creation
  });

  it("answers the same 404 for an unknown project and one without a secret, before reading the body; pong to ping", async () => {
    const bare = await makeProject();
    const answers = [];
    for (const slug of [bare.slug, `no-such-project-${Date.now()}`]) {
      let pulled = 0;
      const body = new ReadableStream<Uint8Array>({
        pull(c) {
          pulled++;
          c.enqueue(new Uint8Array(64 * 1024));
        },
      });
      const res = await call(webhookRoute, {
        method: "POST",
        params: { slug },
        rawBody: body,
        headers: {
          "x-github-event": "ping",
          "x-github-delivery": "d-1",
          "x-hub-signature-256": "sha256=" + "0".repeat(64),
        },
      });
      answers.push({ status: res.status, type: res.body.type, title: res.body.title, detail: res.body.detail });
      expect(pulled).toBeLessThanOrEqual(1); // at most the stream's own first pull: nothing is read
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]).toMatchObject({
      status: 404,
      detail: expect.stringMatching(/No GitHub webhook is set up at this address/),
    });
    const { deliver } = await setup();
    expect((await deliver("ping", { zen: "Keep it logically awesome." })).body).toEqual({ status: "pong" });
  });

  it("creates and updates a pull request, links it to the backlog items it names, and only a merged one is merged", async () => {
    const { project, deliver } = await setup();
    const items = await Promise.all(
      ["REL-001", "GAP-7", "SEC-12", "REL-0011"].map((key) =>
        prisma.backlogItem.create({ data: { projectId: project.id, key, title: key } }),
      ),
    );
    const opened = await deliver("pull_request", pr({}));
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({
      status: "pull-request",
      state: "open",
      linkedItems: ["GAP-7", "REL-001", "SEC-12"],
      evidenceId: null,
    });
    const links = await prisma.backlogItemPullRequest.findMany({ where: { pullRequestId: opened.body.pullRequestId } });
    expect(links.map((l) => l.linkedVia)).toEqual(["webhook", "webhook", "webhook"]);
    expect(links.map((l) => l.itemId).sort()).toEqual(
      items
        .slice(0, 3)
        .map((i) => i.id)
        .sort(),
    );

    const closed = await deliver(
      "pull_request",
      pr({ action: "closed", state: "closed", closed_at: "2026-03-02T10:00:00Z" }),
      { form: true },
    );
    expect(closed.body).toMatchObject({ state: "closed", evidenceId: null });
    const row = await prisma.pullRequest.findUniqueOrThrow({ where: { id: opened.body.pullRequestId } });
    expect([row.state, row.mergedAt, row.closedAt?.toISOString(), row.detailsSource]).toEqual([
      "closed",
      null,
      "2026-03-02T10:00:00.000Z",
      "webhook",
    ]);

    const merged = await deliver(
      "pull_request",
      pr({
        action: "closed",
        state: "closed",
        merged: true,
        merged_at: "2026-03-03T10:00:00Z",
        closed_at: "2026-03-03T10:00:00Z",
      }),
    );
    expect(merged.body).toMatchObject({ state: "merged", evidenceId: expect.any(String) });
    const evidence = await prisma.evidence.findUniqueOrThrow({ where: { id: merged.body.evidenceId } });
    expect(evidence).toMatchObject({
      kind: "PULL_REQUEST",
      outcome: "PASS",
      sourceUrl: "https://github.com/example/portal/pull/42",
    });
    expect(await prisma.pullRequest.count({ where: { projectId: project.id } })).toBe(1);
  });

  it("turns completed workflow runs, checks and deployments into evidence once; ignores the rest", async () => {
    const { project, deliver } = await setup();
    // GitHub names the object of a "completed" delivery after its event.
    const completed = (event: string, body: Record<string, unknown>) =>
      deliver(event, { action: "completed", repository, [event]: body });
    const run = {
      id: 9001,
      name: "release-check",
      head_branch: "main",
      head_sha: "b".repeat(40),
      conclusion: "failure",
      status: "completed",
      html_url: "https://github.com/example/portal/actions/runs/9001",
      run_attempt: 1,
      updated_at: "2026-03-04T08:00:00Z",
      event: "push",
    };
    const first = await completed("workflow_run", run);
    expect(first.status).toBe(201);
    expect(first.body.evidence).toMatchObject({ kind: "CI_RUN", format: "github-workflow-run", outcome: "FAIL" });
    const ev = await prisma.evidence.findUniqueOrThrow({ where: { id: first.body.evidence.id } });
    expect([
      ev.sourceRepo,
      ev.sourceBranch,
      ev.sourceWorkflow,
      ev.subject,
      ev.sourceRunUrl,
      ev.effectiveAt.toISOString(),
    ]).toEqual(["example/portal", "main", "release-check", "release-check", run.html_url, "2026-03-04T08:00:00.000Z"]);
    expect((await completed("workflow_run", run)).body.status).toBe("existing");
    const rerun = await completed("workflow_run", { ...run, run_attempt: 2, conclusion: "success" });
    expect(rerun.body.evidence.outcome).toBe("PASS");
    expect((await deliver("workflow_run", { action: "in_progress", repository, workflow_run: run })).status).toBe(202);

    const check = await completed("check_run", {
      id: 77,
      name: "lint",
      head_sha: "c".repeat(40),
      conclusion: "cancelled",
      html_url: "https://github.com/x",
      completed_at: "2026-03-04T09:00:00Z",
      check_suite: { head_branch: "main" },
    });
    expect(check.body.evidence).toMatchObject({ format: "github-check-run", outcome: "WARN" });
    const suite = await completed("check_suite", {
      id: 78,
      head_branch: "main",
      head_sha: "c".repeat(40),
      conclusion: "success",
      app: { name: "GitHub Actions" },
      updated_at: "2026-03-04T09:01:00Z",
    });
    expect(suite.body.evidence).toMatchObject({ format: "github-check-suite", outcome: "PASS" });
    const deploy = await deliver("deployment_status", {
      action: "created",
      repository,
      deployment_status: {
        id: 5,
        state: "success",
        environment: "production",
        created_at: "2026-03-04T10:00:00Z",
        log_url: "https://github.com/log",
      },
      deployment: { id: 4, sha: "d".repeat(40), ref: "main", environment: "production" },
    });
    expect(deploy.body.evidence).toMatchObject({
      kind: "DEPLOYMENT",
      outcome: "PASS",
      title: "Deployment to production: success",
    });
    expect(
      (
        await deliver("deployment_status", {
          action: "created",
          repository,
          deployment_status: { id: 6, state: "in_progress" },
          deployment: { id: 4 },
        })
      ).status,
    ).toBe(202);
    expect((await deliver("issues", { action: "opened", repository })).body).toEqual({
      status: "ignored",
      reason: 'the "issues" event is not used by Proofline',
    });
    expect(await rowCounts(project.id)).toMatchObject({ evidence: 5 });
  });

  it("refuses a correctly signed delivery whose body is not JSON (400) without writing", async () => {
    const { project, secret } = await setup();
    const body = "{not json";
    const res = await deliverGithub({
      slug: project.slug,
      event: "workflow_run",
      body,
      deliveryId: "d-json",
      sign: { secret },
    });
    expect([res.status, res.body.type]).toEqual([400, "urn:proofline:problem:ingest-malformed-json"]);
    expect(await rowCounts(project.id)).toMatchObject({ evidence: 0 });
  });

  it("refuses a replayed delivery (same X-GitHub-Delivery) with 409, so an old delivery cannot revert a PR", async () => {
    const { project, deliver } = await setup();
    const opened = await deliver("pull_request", pr({ updated_at: "2026-03-01T10:00:00Z" }), {
      deliveryId: "delivery-open",
    });
    expect(opened.status).toBe(200);
    const closed = await deliver(
      "pull_request",
      pr({ action: "closed", state: "closed", closed_at: "2026-03-02T10:00:00Z", updated_at: "2026-03-02T10:00:00Z" }),
      { deliveryId: "delivery-close" },
    );
    expect(closed.body.state).toBe("closed");
    const activityBefore = (await rowCounts(project.id)).activity;
    // The attack: resend the captured (validly signed) "opened" delivery.
    const replay = await deliver("pull_request", pr({ updated_at: "2026-03-01T10:00:00Z" }), {
      deliveryId: "delivery-open",
    });
    expect([replay.status, replay.body.type]).toEqual([409, "urn:proofline:problem:ingest-delivery-replayed"]);
    const row = await prisma.pullRequest.findFirstOrThrow({ where: { projectId: project.id } });
    expect(row.state).toBe("closed");
    expect((await rowCounts(project.id)).activity).toBe(activityBefore);
    expect(await prisma.githubDelivery.count({ where: { projectId: project.id } })).toBe(2);
  });

  it("forgets delivery ids after 7 days", async () => {
    const { project, deliver } = await setup();
    await prisma.githubDelivery.create({
      data: { projectId: project.id, deliveryId: "old-one", receivedAt: new Date(Date.now() - 8 * 24 * 3600 * 1000) },
    });
    expect((await deliver("ping", { zen: "z" })).status).toBe(200);
    expect(
      await prisma.githubDelivery.findUnique({
        where: { projectId_deliveryId: { projectId: project.id, deliveryId: "old-one" } },
      }),
    ).toBeNull();
  });

  it("never moves a PR backwards: an older delivery (by updated_at) or an un-merge is ignored", async () => {
    const { project, deliver } = await setup();
    await deliver(
      "pull_request",
      pr({ action: "closed", state: "closed", closed_at: "2026-03-02T10:00:00Z", updated_at: "2026-03-02T10:00:00Z" }),
    );
    // A different, validly signed delivery that is older (GitHub redelivering late, or a re-signed capture).
    const late = await deliver("pull_request", pr({ action: "reopened", updated_at: "2026-03-01T12:00:00Z" }));
    expect([late.status, late.body.status]).toEqual([202, "ignored"]);
    expect(late.body.reason).toMatch(/older/);
    expect((await prisma.pullRequest.findFirstOrThrow({ where: { projectId: project.id } })).state).toBe("closed");
    const newer = await deliver("pull_request", pr({ action: "reopened", updated_at: "2026-03-03T12:00:00Z" }));
    expect(newer.body.state).toBe("open");
    await deliver(
      "pull_request",
      pr({
        action: "closed",
        state: "closed",
        merged: true,
        merged_at: "2026-03-04T10:00:00Z",
        closed_at: "2026-03-04T10:00:00Z",
        updated_at: "2026-03-04T10:00:00Z",
      }),
    );
    const unmerge = await deliver(
      "pull_request",
      pr({ action: "edited", state: "closed", updated_at: "2026-03-05T10:00:00Z" }),
    );
    expect(unmerge.body.status).toBe("ignored");
    expect((await prisma.pullRequest.findFirstOrThrow({ where: { projectId: project.id } })).state).toBe("merged");
  });

  it("refuses a delivery over 25 MB with 413 and writes nothing", async () => {
    const { project, secret } = await setup();
    const body = Buffer.alloc(25 * 1024 * 1024 + 1, 0x20);
    const res = await deliverGithub({ slug: project.slug, event: "ping", body, deliveryId: "big", sign: { secret } });
    expect(res.status).toBe(413);
    expect(await prisma.githubDelivery.count({ where: { projectId: project.id } })).toBe(0);
  });
});
