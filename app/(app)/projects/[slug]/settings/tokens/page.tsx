import { headers } from "next/headers";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { requestNow } from "@/lib/clock";
import { listTokens } from "@/lib/tokens/list-tokens";
import { TokensManager } from "@/components/tokens/tokens-manager";
import { GithubWebhookCard } from "@/components/tokens/github-webhook-card";
import { GitlabWebhookCard } from "@/components/tokens/gitlab-webhook-card";
import { getGitlabStatus } from "@/lib/evidence/get-gitlab-status";
import { serialized } from "@/lib/dto/serialized";

export default async function ProjectTokensPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requirePermission("token:read");
  const [tokens, now, h, gitlab] = await Promise.all([
    listTokens({ ctx, projectSlug: slug }),
    requestNow(),
    headers(),
    getGitlabStatus({ ctx, projectSlug: slug }),
  ]);
  const canManage = can(ctx.actor, "token:manage");
  const initial = serialized(tokens);
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost:3000"}`;
  return (
    <div className="stack">
      <p className="small">
        <Link href={`/projects/${slug}/evidence`}>← Evidence</Link>
      </p>
      <h2>Tokens and GitHub</h2>
      <p className="muted">
        Push from CI: <code>curl -fsSLO {origin}/cli/proofline.mjs</code>, then{" "}
        <code>node proofline.mjs push report.xml --project {slug}</code> with PROOFLINE_URL={origin} and PROOFLINE_TOKEN
        set. The API is described at <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.
      </p>
      <TokensManager slug={slug} initial={initial} canManage={canManage} now={now.toISOString()} />
      <GithubWebhookCard slug={slug} initial={initial} canManage={canManage} origin={origin} />
      <GitlabWebhookCard
        slug={slug}
        status={JSON.parse(JSON.stringify(gitlab))}
        canManage={canManage}
        origin={origin}
      />
    </div>
  );
}
