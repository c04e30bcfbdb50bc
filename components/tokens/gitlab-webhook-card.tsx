"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/client/api";
import { formatDate } from "@/lib/format";
import { WebhookCard } from "@/components/tokens/webhook-card";

interface Status {
  configured: boolean;
  since: string | null;
  rotatedAt: string | null;
}

/** The project's GitLab webhook: its URL, and a token created (or replaced) here and shown once. */
export function GitlabWebhookCard({
  slug,
  status,
  canManage,
  origin,
}: {
  slug: string;
  status: Status;
  canManage: boolean;
  origin: string;
}) {
  const router = useRouter();
  const create = useMutation({
    mutationFn: () =>
      apiFetch<{ token: string; webhookUrl: string }>(`/api/v1/projects/${slug}/gitlab/token`, { method: "POST" }),
    onSuccess: () => router.refresh(),
  });
  return (
    <WebhookCard
      id="gitlab"
      host="GitLab"
      word="token"
      instructions={
        <>
          In the GitLab project&apos;s Settings → Webhooks, add{" "}
          <code>{`${origin}/api/v1/projects/${slug}/gitlab`}</code> with the token below as its secret token, for
          pipeline, merge request and deployment events. Finished pipelines and deployments become evidence; merge
          requests are linked to the backlog items whose key they mention, and merged ones are change evidence.
        </>
      }
      status={
        status.configured && status.since
          ? `A token is set (since ${formatDate(status.since)}, last changed ${formatDate(status.rotatedAt ?? status.since)}).`
          : "No token yet: deliveries are refused until one is set."
      }
      configured={status.configured}
      canManage={canManage}
      create={{
        error: create.error,
        isPending: create.isPending,
        mutate: () => create.mutate(),
        secret: create.data?.token,
      }}
    />
  );
}
