"use client";
import { formatDate } from "@/lib/format";
import { useTokenActions, useTokens } from "@/components/tokens/use-tokens";
import { WebhookCard } from "@/components/tokens/webhook-card";
import type { TokensDto } from "@/lib/dto/tokens";

/** The project's GitHub webhook: its URL, and a secret created (or replaced) here and shown once. */
export function GithubWebhookCard({
  slug,
  initial,
  canManage,
  origin,
}: {
  slug: string;
  initial: TokensDto;
  canManage: boolean;
  origin: string;
}) {
  const tokens = useTokens(slug, initial);
  const { githubSecret } = useTokenActions(slug);
  const github = tokens.data.github;
  return (
    <WebhookCard
      id="github"
      host="GitHub"
      word="secret"
      instructions={
        <>
          In the repository&apos;s Settings → Webhooks, add <code>{`${origin}/api/v1/projects/${slug}/github`}</code>{" "}
          with content type JSON and the secret below, for the events Pull requests, Workflow runs, Check suites, Check
          runs, Deployment statuses, Dependabot alerts, Code scanning alerts and Secret scanning alerts. Pull requests
          are linked to the backlog items whose key they mention; finished runs and deployments become evidence;
          security alerts are tracked against the project&apos;s remediation deadlines.
        </>
      }
      status={
        github.configured
          ? `A secret is set (since ${formatDate(github.since)}, last changed ${formatDate(github.rotatedAt)}).`
          : "No secret yet: deliveries are refused until one is set."
      }
      configured={github.configured}
      canManage={canManage}
      create={{
        error: githubSecret.error,
        isPending: githubSecret.isPending,
        mutate: () => githubSecret.mutate(),
        secret: githubSecret.data?.secret,
      }}
    />
  );
}
