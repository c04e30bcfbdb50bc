import { createHmac, timingSafeEqual } from "node:crypto";
import { openSecret } from "@/lib/secret-box";
import { githubSecretContext } from "@/lib/secrets/stored-secrets";
import { prisma } from "@/lib/db";
import type { Tx } from "@/lib/db";
import { systemCtx, type RequestCtx } from "@/lib/auth/actor";
import { recordActivity } from "@/lib/activity/record-activity";
import { NotFoundError } from "@/lib/errors";
import type { ByteSource } from "@/lib/ingest/bytes";
import { refuse } from "@/lib/ingest/refusal";
import { decodeGithubPayload, interpretGithubEvent, mentionedKeys, type PullRequestFacts } from "@/lib/ingest/github";
import { putBytes } from "@/lib/evidence/blob-store";
import { lockAndFindExisting, storeEvidence } from "@/lib/evidence/store-evidence";
import { toResult } from "@/lib/evidence/ingest-result";
import { syncSecurityAlert } from "@/lib/evidence/sync-security-alert";

export interface GithubDelivery {
  projectSlug: string;
  event: string | null;
  deliveryId: string | null;
  signature: string | null;
  contentType: string | null;
  /** The raw body, read only once the project and its secret are known (bounded by the route). */
  body: ByteSource;
  now: Date;
}

/** How long delivery ids are kept: a signed delivery replayed within this time is refused. */
export const DELIVERY_MEMORY_DAYS = 7;

// The same answer for a project that does not exist and one without a secret: the endpoint is
// public, and must not tell strangers which projects exist.
const NO_WEBHOOK = "No GitHub webhook is set up at this address. Check the payload URL, and create the project's webhook secret in its settings.";

/**
 * One GitHub webhook delivery for a project. Nothing of the body is read until the project and its
 * secret are known; then it is read once, through the HMAC, and refused unless the signature matches.
 * Each X-GitHub-Delivery id is handled once (kept DELIVERY_MEMORY_DAYS days; a replay gets 409).
 * Pull requests are created or updated (never from a delivery older than the one already applied)
 * and linked to the backlog items they name; completed workflow runs, check suites and check runs
 * become CI_RUN evidence; finished deployments become DEPLOYMENT evidence; a merged pull request also
 * becomes PULL_REQUEST evidence. Security alerts (Dependabot, code scanning, secret scanning) keep one
 * SecurityAlert row each, with their severity and open and close times.
 */
export async function handleGithubWebhook(d: GithubDelivery) {
  const project = await prisma.project.findUnique({ where: { slug: d.projectSlug }, select: { id: true, archivedAt: true, github: { select: { webhookSecret: true } } } });
  if (!project?.github) throw new NotFoundError(NO_WEBHOOK);
  const signature = parseSignature(d.signature);
  const hmac = createHmac("sha256", openSecret(project.github.webhookSecret, githubSecretContext(project.id)));
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of d.body) {
    hmac.update(chunk);
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    size += chunk.byteLength;
  }
  const expected = hmac.digest();
  if (!signature || !timingSafeEqual(signature, expected)) {
    refuse("bad-signature", d.signature ? "The X-Hub-Signature-256 header does not match this project's webhook secret." : "The delivery has no X-Hub-Signature-256 header; set the webhook's secret in GitHub.");
  }
  const body = Buffer.concat(chunks, size);
  const deliveryId = d.deliveryId?.trim() ?? "";
  if (!/^[\w.-]{1,100}$/.test(deliveryId)) refuse("invalid-content", "A delivery needs an X-GitHub-Delivery id (GitHub sends one with every delivery).");
  const action = interpretGithubEvent(d.event, decodeGithubPayload(body, d.contentType));
  await claimDelivery(project.id, deliveryId, d.now);
  try {
    return await apply({ project, action, body, deliveryId, d });
  } catch (err) {
    // Not handled: let GitHub's redelivery (same id) try again.
    await prisma.githubDelivery.deleteMany({ where: { projectId: project.id, deliveryId } });
    throw err;
  }
}

function parseSignature(header: string | null): Buffer | null {
  if (!header || !/^sha256=[0-9a-f]{64}$/i.test(header)) return null;
  return Buffer.from(header.slice(7), "hex");
}

/** Records the delivery id, refusing one already seen; forgets ids older than DELIVERY_MEMORY_DAYS. */
async function claimDelivery(projectId: string, deliveryId: string, now: Date): Promise<void> {
  const horizon = new Date(now.getTime() - DELIVERY_MEMORY_DAYS * 24 * 3600 * 1000);
  await prisma.githubDelivery.deleteMany({ where: { receivedAt: { lt: horizon } } });
  const inserted = await prisma.$executeRaw`
    INSERT INTO "GithubDelivery" ("projectId", "deliveryId", "receivedAt") VALUES (${projectId}, ${deliveryId}, ${now})
    ON CONFLICT DO NOTHING`;
  if (inserted === 0) refuse("delivery-replayed", `Delivery ${deliveryId} was already received; a delivery is handled once.`);
}

type Action = ReturnType<typeof interpretGithubEvent>;

async function apply(opts: { project: { id: string; archivedAt: Date | null }; action: Action; body: Buffer; deliveryId: string; d: GithubDelivery }) {
  const { project, action, body, deliveryId, d } = opts;
  const ctx: RequestCtx = { ...systemCtx("github-webhook"), requestId: deliveryId };
  if (action.type === "ping") return { status: "pong" as const };
  if (action.type === "ignored") return { status: "ignored" as const, reason: action.reason };
  if (project.archivedAt) return { status: "ignored" as const, reason: "the project is archived" };
  if (action.type === "security-alert") {
    const synced = await syncSecurityAlert({ ctx, projectId: project.id, alert: action.alert });
    if ("stale" in synced) return { status: "ignored" as const, reason: synced.stale };
    return { status: "security-alert" as const, ...synced };
  }
  const blob = await putBytes(body);
  if (action.type === "pull-request") {
    const synced = await syncPullRequest(ctx, project.id, action.pr, blob, d.now);
    if ("stale" in synced) return { status: "ignored" as const, reason: synced.stale };
    return { status: "pull-request" as const, ...synced };
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
      summary: { ...p.summary, outcomeReason: p.outcomeReason, event: d.event, delivery: deliveryId },
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

/**
 * Why a delivery about a PR must not be applied: it is older (by GitHub's updated_at) than the one
 * already applied, or it would take a merged PR back to open or closed. Null when it may be applied.
 */
export function staleReason(stored: { sourceUpdatedAt: Date | null; state: string } | null, pr: Pick<PullRequestFacts, "updatedAt" | "state">): string | null {
  if (!stored) return null;
  if (stored.state === "merged" && pr.state !== "merged") return "the pull request is already merged; a delivery cannot take it back";
  if (stored.sourceUpdatedAt && (!pr.updatedAt || pr.updatedAt < stored.sourceUpdatedAt)) {
    return `the delivery is older (updated_at ${pr.updatedAt?.toISOString() ?? "missing"}) than the one already applied (${stored.sourceUpdatedAt.toISOString()})`;
  }
  return null;
}

async function syncPullRequest(ctx: RequestCtx, projectId: string, pr: PullRequestFacts, blob: { sha256: string; size: number }, now: Date) {
  return prisma.$transaction(async (tx) => {
    // Deliveries about one PR are applied one at a time, each checked against the last one applied.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${projectId}), hashtext(${`pr:${pr.repo}#${pr.number}`}))`;
    const stored = await tx.pullRequest.findUnique({ where: { projectId_repo_number: { projectId, repo: pr.repo, number: pr.number } }, select: { sourceUpdatedAt: true, state: true, detailsSource: true } });
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
export async function linkBacklogItems(tx: Tx, projectId: string, pullRequestId: string, pr: PullRequestFacts): Promise<string[]> {
  const items = await tx.backlogItem.findMany({ where: { projectId, key: { not: null } }, select: { id: true, key: true } });
  const keys = new Set(mentionedKeys(items.map((i) => i.key!), pr));
  const matched = items.filter((i) => keys.has(i.key!));
  if (matched.length) {
    await tx.backlogItemPullRequest.createMany({ data: matched.map((i) => ({ itemId: i.id, pullRequestId, linkedVia: "webhook" })), skipDuplicates: true });
  }
  return matched.map((i) => i.key!).sort();
}
