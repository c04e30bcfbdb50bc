import { createHmac, timingSafeEqual } from "node:crypto";
import { openSecret } from "@/lib/secret-box";
import { githubSecretContext } from "@/lib/secrets/stored-secrets";
import { prisma } from "@/lib/db";
import { systemCtx, type RequestCtx } from "@/lib/auth/actor";
import { NotFoundError } from "@/lib/errors";
import type { ByteSource } from "@/lib/ingest/bytes";
import { refuse } from "@/lib/core/http/refusal";
import { decodeGithubPayload, interpretGithubEvent } from "@/lib/ingest/github";
import { applyDelivery, syncAnswer, type ChangeProvider } from "@/lib/evidence/webhook-sync";
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
const NO_WEBHOOK =
  "No GitHub webhook is set up at this address. Check the payload URL, and create the project's webhook secret in its settings.";

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
const GITHUB: ChangeProvider<"pull-request"> = {
  provider: "github",
  answer: "pull-request",
  mark: "#",
  lockPrefix: "pr",
  dedupePrefix: "github:pull_request",
  format: "github-pull-request",
  outcomeReason: "A pull request merged through GitHub.",
  summary: {},
};

export async function handleGithubWebhook(d: GithubDelivery) {
  const project = await prisma.project.findUnique({
    where: { slug: d.projectSlug },
    select: { id: true, archivedAt: true, github: { select: { webhookSecret: true } } },
  });
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
    refuse(
      "bad-signature",
      d.signature
        ? "The X-Hub-Signature-256 header does not match this project's webhook secret."
        : "The delivery has no X-Hub-Signature-256 header; set the webhook's secret in GitHub.",
    );
  }
  const body = Buffer.concat(chunks, size);
  const deliveryId = d.deliveryId?.trim() ?? "";
  if (!/^[\w.-]{1,100}$/.test(deliveryId))
    refuse("invalid-content", "A delivery needs an X-GitHub-Delivery id (GitHub sends one with every delivery).");
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
  if (inserted === 0)
    refuse("delivery-replayed", `Delivery ${deliveryId} was already received; a delivery is handled once.`);
}

type Action = ReturnType<typeof interpretGithubEvent>;

async function apply(opts: {
  project: { id: string; archivedAt: Date | null };
  action: Action;
  body: Buffer;
  deliveryId: string;
  d: GithubDelivery;
}) {
  const { project, action, body, deliveryId, d } = opts;
  const ctx: RequestCtx = { ...systemCtx("github-webhook"), requestId: deliveryId };
  if (action.type === "ping") return { status: "pong" as const };
  if (action.type === "ignored") return { status: "ignored" as const, reason: action.reason };
  if (project.archivedAt) return { status: "ignored" as const, reason: "the project is archived" };
  if (action.type === "security-alert") {
    return syncAnswer("security-alert", await syncSecurityAlert({ ctx, projectId: project.id, alert: action.alert }));
  }
  return applyDelivery({
    ctx,
    projectId: project.id,
    work: action,
    body,
    via: GITHUB,
    contentType: d.contentType,
    summary: { event: d.event, delivery: deliveryId },
    now: d.now,
  });
}
