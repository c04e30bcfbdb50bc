import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { POST as webhookRoute } from "@/app/api/v1/projects/[slug]/gitlab/route";
import { POST as tokenRoute } from "@/app/api/v1/projects/[slug]/gitlab/token/route";
import { call } from "@/tests/api";
import { makeProject, makeUser } from "@/tests/factories";
import { rowCounts } from "@/lib/evidence/testing/helpers";
import { fixtureFile } from "@/lib/ingest/testing/corpus";

const hook = (name: string) => readFileSync(fixtureFile(`gitlab/${name}`), "utf8");

async function setup() {
  const project = await makeProject();
  const lead = await makeUser({ role: "COMPLIANCE_LEAD" });
  const created = await call(tokenRoute, { method: "POST", params: { slug: project.slug }, asUser: lead.id });
  expect([created.status, created.body.webhookUrl]).toEqual([200, `/api/v1/projects/${project.slug}/gitlab`]);
  const token: string = created.body.token;
  const deliver = (event: string, body: string, opts: { token?: string | null } = {}) =>
    call(webhookRoute, {
      method: "POST",
      params: { slug: project.slug },
      rawBody: body,
      headers: {
        "x-gitlab-event": event,
        "content-type": "application/json",
        ...(opts.token === null ? {} : { "x-gitlab-token": opts.token ?? token }),
      },
    });
  return { project, lead, token, deliver };
}

describe("GitLab webhooks", () => {
  it("refuses a wrong or missing token with 401 before reading the body, and writes nothing; only the token's hash is kept", async () => {
    const { project, token, deliver } = await setup();
    const other = await setup();
    for (const res of [
      await deliver("Pipeline Hook", hook("pipeline-hook.json"), { token: "wrong" }),
      await deliver("Pipeline Hook", hook("pipeline-hook.json"), { token: null }),
      await deliver("Pipeline Hook", hook("pipeline-hook.json"), { token: other.token }),
    ]) {
      expect([res.status, res.body.type]).toEqual([401, "urn:proofline:problem:ingest-bad-signature"]);
    }
    expect(await rowCounts(project.id)).toMatchObject({ evidence: 0, activity: 1 }); // the token's creation
    const stored = await prisma.gitlabIntegration.findUniqueOrThrow({ where: { projectId: project.id } });
    expect(stored.tokenHash).not.toContain(token);
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    const bare = await makeProject();
    const res = await call(webhookRoute, {
      method: "POST",
      params: { slug: bare.slug },
      rawBody: "{}",
      headers: { "x-gitlab-event": "Pipeline Hook", "x-gitlab-token": token },
    });
    expect([res.status, res.body.detail]).toEqual([404, expect.stringMatching(/No GitLab webhook is set up/)]);
  });

  it("Pipeline Hook: a finished pipeline is CI_RUN evidence once; a replay answers with the same evidence; a running one is ignored", async () => {
    const { project, deliver } = await setup();
    const first = await deliver("Pipeline Hook", hook("pipeline-hook.json"));
    expect([first.status, first.body.status]).toEqual([201, "created"]);
    const ev = await prisma.evidence.findFirstOrThrow({ where: { projectId: project.id } });
    expect(ev).toMatchObject({
      kind: "CI_RUN",
      format: "gitlab-pipeline",
      outcome: "FAIL",
      sourceRepo: "fintech/ledger-api",
      sourceBranch: "main",
      sourceCommit: "c0ffee4a1b2c3d4e5f60718293a4b5c6d7e8f901",
      sourceWorkflow: "release-check",
      sourceRunUrl: "https://gitlab.example.com/fintech/ledger-api/-/pipelines/918273",
    });
    expect(ev.effectiveAt.toISOString()).toBe("2026-11-30T09:19:47.000Z");

    const replay = await deliver("Pipeline Hook", hook("pipeline-hook.json"));
    expect([replay.status, replay.body.status, replay.body.evidence.id]).toEqual([200, "existing", ev.id]);
    const running = await deliver("Pipeline Hook", hook("pipeline-hook-running.json"));
    expect([running.status, running.body.status]).toEqual([202, "ignored"]);
    expect(await prisma.evidence.count({ where: { projectId: project.id } })).toBe(1);
  });

  it("Merge Request Hook: links the merge request to the backlog items it names; a merged one is change evidence once", async () => {
    const { project, deliver } = await setup();
    const item = await prisma.backlogItem.create({
      data: { projectId: project.id, key: "LED-214", title: "Negative amounts" },
    });
    await prisma.backlogItem.create({ data: { projectId: project.id, key: "LED-21", title: "Not mentioned" } });
    const opened = await deliver("Merge Request Hook", hook("merge-request-opened.json"));
    expect([
      opened.status,
      opened.body.status,
      opened.body.state,
      opened.body.linkedItems,
      opened.body.evidenceId,
    ]).toEqual([200, "merge-request", "open", ["LED-214"], null]);
    const merged = await deliver("Merge Request Hook", hook("merge-request-merged.json"));
    expect([merged.body.state, merged.body.evidenceId]).toEqual(["merged", expect.any(String)]);
    const again = await deliver("Merge Request Hook", hook("merge-request-merged.json"));
    expect(again.body.evidenceId).toBe(merged.body.evidenceId);
    // An older delivery (the opening) cannot take the merged request back.
    const stale = await deliver("Merge Request Hook", hook("merge-request-opened.json"));
    expect([stale.status, stale.body.status]).toEqual([202, "ignored"]);

    const pr = await prisma.pullRequest.findFirstOrThrow({
      where: { projectId: project.id },
      include: { items: true },
    });
    expect(pr).toMatchObject({
      provider: "gitlab",
      repo: "fintech/ledger-api",
      number: 57,
      state: "merged",
      baseBranch: "main",
      headBranch: "led-214-negative-amounts",
    });
    expect(pr.items.map((l) => l.itemId)).toEqual([item.id]);
    const ev = await prisma.evidence.findMany({ where: { projectId: project.id } });
    expect(ev.map((e) => [e.kind, e.format, e.outcome, e.title])).toEqual([
      ["PULL_REQUEST", "gitlab-merge-request", "PASS", "!57 Reject negative transfer amounts"],
    ]);
  });

  it("Deployment Hook: a successful deployment is DEPLOYMENT evidence (its +01:00 time read), once", async () => {
    const { project, deliver } = await setup();
    const res = await deliver("Deployment Hook", hook("deployment-hook.json"));
    expect([res.status, res.body.evidence.kind, res.body.evidence.outcome]).toEqual([201, "DEPLOYMENT", "PASS"]);
    expect((await deliver("Deployment Hook", hook("deployment-hook.json"))).body.status).toBe("existing");
    const ev = await prisma.evidence.findFirstOrThrow({ where: { projectId: project.id } });
    expect([ev.format, ev.subject, ev.effectiveAt.toISOString()]).toEqual([
      "gitlab-deployment",
      "production",
      "2026-11-30T09:31:09.000Z",
    ]);
  });

  it("other events are acknowledged and ignored; malformed JSON is refused with no rows", async () => {
    const { project, deliver } = await setup();
    const push = await deliver("Push Hook", '{"object_kind":"push","project":{"path_with_namespace":"a/b"}}');
    expect([push.status, push.body.status]).toEqual([202, "ignored"]);
    const bad = await deliver("Pipeline Hook", hook("pipeline-hook.json").slice(0, 500));
    expect([bad.status, bad.body.type]).toEqual([400, "urn:proofline:problem:ingest-truncated"]);
    const noIid = await deliver(
      "Merge Request Hook",
      '{"object_kind":"merge_request","project":{"path_with_namespace":"a/b"},"object_attributes":{}}',
    );
    expect([noIid.status, noIid.body.type]).toEqual([422, "urn:proofline:problem:ingest-invalid-content"]);
    expect(await rowCounts(project.id)).toMatchObject({ evidence: 0, activity: 1 });
  });
});
