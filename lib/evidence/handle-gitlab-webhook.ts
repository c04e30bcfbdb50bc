import { createHash, timingSafeEqual } from "node:crypto";
import { prisma } from "@/lib/db";
import { systemCtx, type RequestCtx } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import type { ByteSource } from "@/lib/ingest/bytes";
import { parseJson } from "@/lib/ingest/exact-json";
import { refuse } from "@/lib/core/http/refusal";
import { interpretGitlabEvent } from "@/lib/ingest/gitlab";
import { applyDelivery, type ChangeProvider } from "@/lib/evidence/webhook-sync";

export interface GitlabDelivery {
  projectSlug: string;
  event: string | null;
  token: string | null;
  /** The raw body, read only once the token has been checked (bounded by the route). */
  body: ByteSource;
  now: Date;
}

const NO_WEBHOOK =
  "No GitLab webhook is set up at this address. Check the URL, and create the project's GitLab token in its settings.";

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
const GITLAB: ChangeProvider<"merge-request"> = {
  provider: "gitlab",
  answer: "merge-request",
  mark: "!",
  lockPrefix: "mr",
  dedupePrefix: "gitlab:merge_request",
  format: "gitlab-merge-request",
  outcomeReason: "A merge request merged through GitLab.",
  summary: { provider: "gitlab" },
};

export async function handleGitlabWebhook(d: GitlabDelivery) {
  const project = await prisma.project.findUnique({
    where: { slug: d.projectSlug },
    select: { id: true, archivedAt: true, gitlab: { select: { tokenHash: true } } },
  });
  if (!project?.gitlab) throw new NotFoundError(NO_WEBHOOK);
  const expected = Buffer.from(project.gitlab.tokenHash, "hex");
  if (!d.token || !timingSafeEqual(hashGitlabToken(d.token), expected)) {
    refuse(
      "bad-signature",
      d.token
        ? "The X-Gitlab-Token header does not match this project's GitLab token."
        : "The delivery has no X-Gitlab-Token header; set the webhook's secret token in GitLab.",
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of d.body) chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  const body = Buffer.concat(chunks);
  const action = interpretGitlabEvent(d.event, parseJson(body.toString("utf8"), "The delivery"));
  const ctx: RequestCtx = systemCtx("gitlab-webhook");
  if (action.type === "ignored") return { status: "ignored" as const, reason: action.reason };
  if (project.archivedAt) return { status: "ignored" as const, reason: "the project is archived" };
  return applyDelivery({
    ctx,
    projectId: project.id,
    work: action.type === "merge-request" ? { pr: action.mr } : action,
    body,
    via: GITLAB,
    contentType: "application/json",
    summary: { event: d.event },
    now: d.now,
  });
}
