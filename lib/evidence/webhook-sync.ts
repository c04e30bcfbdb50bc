import { prisma } from "@/lib/db";
import type { RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import type { ParsedEvidence } from "@/lib/ingest/types";
import type { PullRequestFacts } from "@/lib/ingest/github";
import { lockAndFindExisting, storeEvidence } from "@/lib/evidence/store-evidence";
import { toResult } from "@/lib/evidence/ingest-result";
import { linkBacklogItems, staleReason } from "@/lib/evidence/webhook-links";
import { putBytes } from "@/lib/core/storage/blob-store";

// What the GitHub and GitLab webhooks do alike once a delivery is checked and read: store the evidence a
// delivery carries once per dedupe key, and keep one pull (merge) request per repository and number.

type Blob = { sha256: string; size: number };

export interface DeliveredEvidence {
  ctx: RequestCtx;
  projectId: string;
  parsed: ParsedEvidence;
  dedupeKey: string;
  blob: Blob;
  contentType: string | null;
  /** Kept in the evidence's summary beside the parser's own (event name, delivery id). */
  summary: Record<string, unknown>;
  now: Date;
}

/** The evidence of one delivery, created once: a repeat answers with the evidence already stored. */
export function storeDeliveredEvidence(d: DeliveredEvidence) {
  const p = d.parsed;
  return prisma.$transaction(async (tx) => {
    const found = await lockAndFindExisting(tx, d.projectId, d.dedupeKey);
    if (found) return { status: "existing" as const, evidence: toResult("existing", found, [], true) };
    const stored = await storeEvidence(tx, d.ctx, {
      projectId: d.projectId,
      kind: p.kind,
      format: p.format,
      title: p.title,
      subject: p.subject ?? null,
      outcome: p.outcome,
      summary: { ...p.summary, outcomeReason: p.outcomeReason, ...d.summary },
      dedupeKey: d.dedupeKey,
      sha256: d.blob.sha256,
      byteSize: d.blob.size,
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

/** How a provider names its change requests: GitHub's pull requests (#12), GitLab's merge requests (!12). */
export interface ChangeProvider<A extends string = string> {
  provider: "github" | "gitlab";
  /** The webhook's answer status for a synced change request: "pull-request", "merge-request". */
  answer: A;
  /** "#" or "!": in lock keys, dedupe keys and titles. */
  mark: "#" | "!";
  lockPrefix: string;
  dedupePrefix: string;
  format: string;
  outcomeReason: string;
  /** Added to the activity and evidence summaries (GitLab records its name there). */
  summary: Record<string, unknown>;
}

/**
 * Creates or updates a pull (merge) request from a delivery, one delivery at a time per request, never
 * applying one older than the last applied; links it to the backlog items it names; a merged one becomes
 * PULL_REQUEST (change) evidence once.
 */
export function syncChangeRequest(
  ctx: RequestCtx,
  projectId: string,
  pr: PullRequestFacts,
  blob: Blob,
  now: Date,
  via: ChangeProvider,
) {
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${projectId}), hashtext(${`${via.lockPrefix}:${pr.repo}${via.mark}${pr.number}`}))`;
    const where = { projectId_repo_number: { projectId, repo: pr.repo, number: pr.number } };
    const stored = await tx.pullRequest.findUnique({
      where,
      select: { sourceUpdatedAt: true, state: true, detailsSource: true },
    });
    // A replay of the delivery already applied (same updated_at) is applied again: nothing changes.
    const stale = stored?.detailsSource === "webhook" ? staleReason(stored, pr) : null;
    if (stale) return { stale };
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
      sourceUpdatedAt: pr.updatedAt,
      detailsSource: "webhook",
    };
    const saved = await tx.pullRequest.upsert({
      where,
      update: fields,
      create: { projectId, provider: via.provider, repo: pr.repo, number: pr.number, ...fields },
      select: { id: true },
    });
    const linked = await linkBacklogItems(tx, projectId, saved.id, pr);
    await recordActivity(tx, {
      ctx,
      action: "pull_request.sync",
      entityType: "PullRequest",
      entityId: saved.id,
      projectId,
      summary: { ...via.summary, repo: pr.repo, number: pr.number, state: pr.state, linked },
    });
    let evidenceId: string | null = null;
    if (pr.state === "merged") {
      const dedupeKey = `${via.dedupePrefix}:${pr.repo}${via.mark}${pr.number}:merged`;
      const found = await lockAndFindExisting(tx, projectId, dedupeKey);
      evidenceId = found?.id ?? null;
      if (!found) {
        const created = await storeEvidence(tx, ctx, {
          projectId,
          kind: "PULL_REQUEST",
          format: via.format,
          title: `${via.mark}${pr.number} ${pr.title}`.slice(0, 300),
          subject: pr.repo,
          outcome: "PASS",
          summary: {
            ...via.summary,
            repo: pr.repo,
            number: pr.number,
            author: pr.author,
            baseBranch: pr.baseBranch,
            linkedItems: linked,
            outcomeReason: via.outcomeReason,
          },
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
        evidenceId = created.row.id;
      }
    }
    return { pullRequestId: saved.id, state: pr.state, linkedItems: linked, evidenceId };
  });
}

/** A sync's answer to the webhook: the status and what changed, or "ignored" with why when the delivery was stale. */
export function syncAnswer<S extends string, T extends object>(status: S, synced: T) {
  if ("stale" in synced) return { status: "ignored" as const, reason: synced.stale as string };
  return { status, ...(synced as Exclude<T, { stale: unknown }>) };
}

/**
 * A checked delivery of a project that is not archived, carrying a change request or evidence: its body is
 * kept as the original, then the change request is synced or the evidence stored.
 */
export async function applyDelivery<A extends string>(d: {
  ctx: RequestCtx;
  projectId: string;
  work: { pr: PullRequestFacts } | { parsed: ParsedEvidence; dedupeKey: string };
  body: Buffer;
  via: ChangeProvider<A>;
  contentType: string | null;
  summary: Record<string, unknown>;
  now: Date;
}) {
  const blob = await putBytes(d.body);
  if ("pr" in d.work)
    return syncAnswer(d.via.answer, await syncChangeRequest(d.ctx, d.projectId, d.work.pr, blob, d.now, d.via));
  return storeDeliveredEvidence({
    ctx: d.ctx,
    projectId: d.projectId,
    parsed: d.work.parsed,
    dedupeKey: d.work.dedupeKey,
    blob,
    contentType: d.contentType,
    summary: d.summary,
    now: d.now,
  });
}
