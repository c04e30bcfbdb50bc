import type { Tx } from "@/lib/db";
import { mentionedKeys, type PullRequestFacts } from "@/lib/ingest/github";

// Shared by the GitHub and GitLab webhooks: whether a delivery about a pull (merge) request may be
// applied, and the backlog items it names.

/**
 * Why a delivery about a PR must not be applied: it is older (by GitHub's updated_at) than the one
 * already applied, or it would take a merged PR back to open or closed. Null when it may be applied.
 */
export function staleReason(
  stored: { sourceUpdatedAt: Date | null; state: string } | null,
  pr: Pick<PullRequestFacts, "updatedAt" | "state">,
): string | null {
  if (!stored) return null;
  if (stored.state === "merged" && pr.state !== "merged")
    return "the pull request is already merged; a delivery cannot take it back";
  if (stored.sourceUpdatedAt && (!pr.updatedAt || pr.updatedAt < stored.sourceUpdatedAt)) {
    return `the delivery is older (updated_at ${pr.updatedAt?.toISOString() ?? "missing"}) than the one already applied (${stored.sourceUpdatedAt.toISOString()})`;
  }
  return null;
}

/** Links the PR to every backlog item of the project whose key it mentions (never unlinks). */
export async function linkBacklogItems(
  tx: Tx,
  projectId: string,
  pullRequestId: string,
  pr: PullRequestFacts,
): Promise<string[]> {
  const items = await tx.backlogItem.findMany({
    where: { projectId, key: { not: null } },
    select: { id: true, key: true },
  });
  const keys = new Set(
    mentionedKeys(
      items.map((i) => i.key!),
      pr,
    ),
  );
  const matched = items.filter((i) => keys.has(i.key!));
  if (matched.length) {
    await tx.backlogItemPullRequest.createMany({
      data: matched.map((i) => ({ itemId: i.id, pullRequestId, linkedVia: "webhook" })),
      skipDuplicates: true,
    });
  }
  return matched.map((i) => i.key!).sort();
}
