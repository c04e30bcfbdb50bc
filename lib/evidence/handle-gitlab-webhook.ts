import { createHash, timingSafeEqual } from "node:crypto";
import { prisma } from "@/lib/db";
import { systemCtx, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { NotFoundError } from "@/lib/errors";
import type { ByteSource } from "@/lib/ingest/bytes";
import { parseJson } from "@/lib/ingest/exact-json";
import { refuse } from "@/lib/ingest/refusal";
import type { PullRequestFacts } from "@/lib/ingest/github";
import { interpretGitlabEvent } from "@/lib/ingest/gitlab";
import { putBytes } from "@/lib/evidence/blob-store";
import { lockAndFindExisting, storeEvidence } from "@/lib/evidence/store-evidence";
import { toResult } from "@/lib/evidence/ingest-result";
import { linkBacklogItems, staleReason } from "@/lib/evidence/handle-github-webhook";

export interface GitlabDelivery {
  projectSlug: string;
  event: string | null;
  token: string | null;
  /** The raw body, read only once the token has been checked (bounded by the route). */
  body: ByteSource;
  now: Date;
}

const NO_WEBHOOK = "No GitLab webhook is set up at this address. Check the URL, and create the project's GitLab token in its settings.";

export function hashGitlabToken(token: string): Buffer {
  return createHash("sha256").update(token, "utf8").digest();
}

/**
 * One GitLab webhook delivery for a project. The X-Gitlab-Token is checked (its SHA-256 against the
 * stored one, in constant time) before any of the body is read. Pipeline Hooks of finished pipelines
 * become CI_RUN evidence, Deployment Hooks of finished deployments DEPLOYMENT evidence, each once per
 * pipeline or deployment and status (a repeat answers with the evidence already stored); Merge Request
 * Hooks create or update the merge request, link it to the backlog items it names, and a merged one
 * becomes PULL_REQUEST (change) evidence once.
 */
export async function handleGitlabWebhook(d: GitlabDelivery) {
  const project = await prisma.project.findUnique({ where: { slug: d.projectSlug }, select: { id: true, archivedAt: true, gitlab: { select: { tokenHash: true } } } });
  if (!project?.gitlab) throw new NotFoundError(NO_WEBHOOK);
  const expected = Buffer.from(project.gitlab.tokenHash, "hex");
  if (!d.token || !timingSafeEqual(hashGitlabToken(d.token), expected)) {
    refuse("bad-signature", d.token ? "The X-Gitlab-Token header does not match this project's GitLab token." : "The delivery has no X-Gitlab-Token header; set the webhook's secret token in GitLab.");
  }
  const chunks: Buffer[] = [];
  for await (const chunk of d.body) chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  const body = Buffer.concat(chunks);
  const action = interpretGitlabEvent(d.event, parseJson(body.toString("utf8"), "The delivery"));
  const ctx: RequestCtx = systemCtx("gitlab-webhook");
  if (action.type === "ignored") return { status: "ignored" as const, reason: action.reason };
  if (project.archivedAt) return { status: "ignored" as const, reason: "the project is archived" };
  const blob = await putBytes(body);
  if (action.type === "merge-request") {
    const synced = await syncMergeRequest(ctx, project.id, action.mr, blob, d.now);
    if ("stale" in synced) return { status: "ignored" as const, reason: synced.stale };
    return { status: "merge-request" as const, ...synced };
  }
  return prisma.$transaction(async (tx) => {
    const found = await lockAndFindExisting(tx, project.id, action.dedupeKey);
    if (found) return { status: "existing" as const, evidence: toResult("existing", found, [], true) };
    const p = action.parsed;
    const stored = await storeEvidence(tx, ctx, {
      projectId: project.id,
      kind: p.kind,
      format: p.format,
      title: p.title,
      subject: p.subject ?? null,
      outcome: p.outcome,
      summary: { ...p.summary, outcomeReason: p.outcomeReason, event: d.event },
      dedupeKey: action.dedupeKey,
      sha256: blob.sha256,
      byteSize: blob.size,
      contentType: "application/json",
      sourceRepo: p.source?.repo ?? null,
      sourceBranch: p.source?.branch ?? null,
      sourceCommit: p.source?.commit ?? null,
      sourceWorkflow: p.source?.workflow ?? null,
      sourceRunUrl: p.source?.runUrl ?? null,
      collectedAt: d.now,
      effectiveAt: p.effectiveAt ?? d.now,
    });
    return { status: "created" as const, evidence: toResult("created", stored.row, stored.controls, true) };
  });
}

async function syncMergeRequest(ctx: RequestCtx, projectId: string, mr: PullRequestFacts, blob: { sha256: string; size: number }, now: Date) {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${projectId}), hashtext(${`mr:${mr.repo}!${mr.number}`}))`;
    const where = { projectId_repo_number: { projectId, repo: mr.repo, number: mr.number } };
    const stored = await tx.pullRequest.findUnique({ where, select: { sourceUpdatedAt: true, state: true, detailsSource: true } });
    // A replay of the delivery already applied (same updated_at) is applied again: nothing changes.
    const stale = stored?.detailsSource === "webhook" ? staleReason(stored, mr) : null;
    if (stale) return { stale };
    const fields = {
      title: mr.title,
      body: mr.body,
      url: mr.url,
      state: mr.state,
      author: mr.author,
      headSha: mr.headSha,
      headBranch: mr.headBranch,
      baseBranch: mr.baseBranch,
      openedAt: mr.openedAt,
      mergedAt: mr.mergedAt,
      closedAt: mr.closedAt,
      sourceUpdatedAt: mr.updatedAt,
      detailsSource: "webhook",
    };
    const saved = await tx.pullRequest.upsert({ where, update: fields, create: { projectId, provider: "gitlab", repo: mr.repo, number: mr.number, ...fields }, select: { id: true } });
    const linked = await linkBacklogItems(tx, projectId, saved.id, mr);
    await recordActivity(tx, { ctx, action: "pull_request.sync", entityType: "PullRequest", entityId: saved.id, projectId, summary: { provider: "gitlab", repo: mr.repo, number: mr.number, state: mr.state, linked } });
    let evidenceId: string | null = null;
    if (mr.state === "merged") {
      const dedupeKey = `gitlab:merge_request:${mr.repo}!${mr.number}:merged`;
      const found = await lockAndFindExisting(tx, projectId, dedupeKey);
      evidenceId = found?.id ?? null;
      if (!found) {
        const storedEv = await storeEvidence(tx, ctx, {
          projectId,
          kind: "PULL_REQUEST",
          format: "gitlab-merge-request",
          title: `!${mr.number} ${mr.title}`.slice(0, 300),
          subject: mr.repo,
          outcome: "PASS",
          summary: { provider: "gitlab", repo: mr.repo, number: mr.number, author: mr.author, baseBranch: mr.baseBranch, linkedItems: linked, outcomeReason: "A merge request merged through GitLab." },
          dedupeKey,
          sha256: blob.sha256,
          byteSize: blob.size,
          sourceRepo: mr.repo,
          sourceBranch: mr.baseBranch,
          sourceCommit: mr.headSha,
          sourceUrl: mr.url,
          collectedAt: now,
          effectiveAt: mr.mergedAt ?? now,
        });
        evidenceId = storedEv.row.id;
      }
    }
    return { pullRequestId: saved.id, state: mr.state, linkedItems: linked, evidenceId };
  });
}
