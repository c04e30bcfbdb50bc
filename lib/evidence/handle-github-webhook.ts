import { prisma } from "@/lib/db";
import type { Tx } from "@/lib/db";
import { systemCtx, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { NotFoundError } from "@/lib/errors";
import { refuse } from "@/lib/ingest/refusal";
import { decodeGithubPayload, interpretGithubEvent, mentionedKeys, verifyGithubSignature, type PullRequestFacts } from "@/lib/ingest/github";
import { putBytes } from "@/lib/evidence/blob-store";
import { lockAndFindExisting, storeEvidence } from "@/lib/evidence/store-evidence";
import { toResult } from "@/lib/evidence/ingest-result";

export interface GithubDelivery {
  projectSlug: string;
  event: string | null;
  deliveryId: string | null;
  signature: string | null;
  contentType: string | null;
  body: Uint8Array;
  now: Date;
}

/**
 * One GitHub webhook delivery for a project. The signature is checked against the project's secret
 * before anything is read. Pull requests are created or updated and linked to the backlog items they
 * name; completed workflow runs, check suites and check runs become CI_RUN evidence; finished
 * deployments become DEPLOYMENT evidence; a merged pull request also becomes PULL_REQUEST evidence.
 */
export async function handleGithubWebhook(d: GithubDelivery) {
  const project = await prisma.project.findUnique({ where: { slug: d.projectSlug }, select: { id: true, archivedAt: true, github: { select: { webhookSecret: true } } } });
  if (!project) throw new NotFoundError(`There is no project "${d.projectSlug}".`);
  if (!project.github) throw new NotFoundError(`Project "${d.projectSlug}" has no GitHub webhook secret yet; create one in its settings first.`);
  if (!verifyGithubSignature(project.github.webhookSecret, d.body, d.signature)) {
    refuse("bad-signature", d.signature ? "The X-Hub-Signature-256 header does not match this project's webhook secret." : "The delivery has no X-Hub-Signature-256 header; set the webhook's secret in GitHub.");
  }
  const action = interpretGithubEvent(d.event, decodeGithubPayload(d.body, d.contentType));
  const ctx: RequestCtx = { ...systemCtx("github-webhook"), requestId: d.deliveryId ?? undefined };
  if (action.type === "ping") return { status: "pong" as const };
  if (action.type === "ignored") return { status: "ignored" as const, reason: action.reason };
  if (project.archivedAt) return { status: "ignored" as const, reason: "the project is archived" };
  const blob = await putBytes(d.body);
  if (action.type === "pull-request") return { status: "pull-request" as const, ...(await syncPullRequest(ctx, project.id, action.pr, blob, d.now)) };
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
      summary: { ...p.summary, outcomeReason: p.outcomeReason, event: d.event, delivery: d.deliveryId },
      dedupeKey: action.dedupeKey,
      sha256: blob.sha256,
      byteSize: blob.size,
      contentType: d.contentType,
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

async function syncPullRequest(ctx: RequestCtx, projectId: string, pr: PullRequestFacts, blob: { sha256: string; size: number }, now: Date) {
  return prisma.$transaction(async (tx) => {
    const fields = {
      title: pr.title,
      body: pr.body,
      url: pr.url,
      state: pr.state,
      author: pr.author,
      headSha: pr.headSha,
      headBranch: pr.headBranch,
      baseBranch: pr.baseBranch,
      openedAt: pr.openedAt,
      mergedAt: pr.mergedAt,
      closedAt: pr.closedAt,
      detailsSource: "webhook",
    };
    const saved = await tx.pullRequest.upsert({
      where: { projectId_repo_number: { projectId, repo: pr.repo, number: pr.number } },
      update: fields,
      create: { projectId, provider: "github", repo: pr.repo, number: pr.number, ...fields },
      select: { id: true },
    });
    const linked = await linkBacklogItems(tx, projectId, saved.id, pr);
    await recordActivity(tx, { ctx, action: "pull_request.sync", entityType: "PullRequest", entityId: saved.id, projectId, summary: { repo: pr.repo, number: pr.number, state: pr.state, linked } });
    let evidenceId: string | null = null;
    if (pr.state === "merged") {
      const dedupeKey = `github:pull_request:${pr.repo}#${pr.number}:merged`;
      const found = await lockAndFindExisting(tx, projectId, dedupeKey);
      evidenceId = found?.id ?? null;
      if (!found) {
        const stored = await storeEvidence(tx, ctx, {
          projectId,
          kind: "PULL_REQUEST",
          format: "github-pull-request",
          title: `#${pr.number} ${pr.title}`.slice(0, 300),
          subject: pr.repo,
          outcome: "PASS",
          summary: { repo: pr.repo, number: pr.number, author: pr.author, baseBranch: pr.baseBranch, linkedItems: linked, outcomeReason: "A pull request merged through GitHub." },
          dedupeKey,
          sha256: blob.sha256,
          byteSize: blob.size,
          sourceRepo: pr.repo,
          sourceBranch: pr.baseBranch,
          sourceCommit: pr.headSha,
          sourceUrl: pr.url,
          collectedAt: now,
          effectiveAt: pr.mergedAt ?? now,
        });
        evidenceId = stored.row.id;
      }
    }
    return { pullRequestId: saved.id, state: pr.state, linkedItems: linked, evidenceId };
  });
}

/** Links the PR to every backlog item of the project whose key it mentions (never unlinks). */
async function linkBacklogItems(tx: Tx, projectId: string, pullRequestId: string, pr: PullRequestFacts): Promise<string[]> {
  const items = await tx.backlogItem.findMany({ where: { projectId, key: { not: null } }, select: { id: true, key: true } });
  const keys = new Set(mentionedKeys(items.map((i) => i.key!), pr));
  const matched = items.filter((i) => keys.has(i.key!));
  if (matched.length) {
    await tx.backlogItemPullRequest.createMany({ data: matched.map((i) => ({ itemId: i.id, pullRequestId, linkedVia: "webhook" })), skipDuplicates: true });
  }
  return matched.map((i) => i.key!).sort();
}
