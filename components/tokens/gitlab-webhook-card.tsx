"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { apiFetch } from "@/lib/client/api";
import { formatDate } from "@/lib/format";
import { ErrorMessage } from "@/components/ui/error-message";

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
    <section className="card stack" aria-labelledby="gitlab-title" data-testid="gitlab-webhook">
      <h3 id="gitlab-title">GitLab webhook</h3>
      <p className="small">
        In the GitLab project&apos;s Settings → Webhooks, add <code>{`${origin}/api/v1/projects/${slug}/gitlab`}</code>{" "}
        with the token below as its secret token, for pipeline, merge request and deployment events. Finished pipelines
        and deployments become evidence; merge requests are linked to the backlog items whose key they mention, and
        merged ones are change evidence.
      </p>
      <p className="small">
        {status.configured && status.since
          ? `A token is set (since ${formatDate(status.since)}, last changed ${formatDate(status.rotatedAt ?? status.since)}).`
          : "No token yet: deliveries are refused until one is set."}
      </p>
      <ErrorMessage error={create.error} />
      {create.data ? (
        <div className="alert alert-warn" role="status">
          <p>Paste this token into the webhook in GitLab now: it is shown only once.</p>
          <pre className="summary-json" data-testid="gitlab-token">
            {create.data.token}
          </pre>
        </div>
      ) : null}
      {canManage ? (
        <div>
          <button className="btn" type="button" disabled={create.isPending} onClick={() => create.mutate()}>
            {status.configured ? "Replace the token" : "Create a token"}
          </button>
        </div>
      ) : null}
    </section>
  );
}
