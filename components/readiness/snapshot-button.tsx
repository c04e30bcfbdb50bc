"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import { ErrorMessage } from "@/components/ui/error-message";
import { dashboardKeys } from "@/components/dashboard/query-keys";

/** Records today's readiness for the project now (the on-demand snapshot), for the trend. */
export function SnapshotButton({ slug }: { slug: string }) {
  const client = useQueryClient();
  const m = useMutation({
    mutationFn: () => apiFetch<{ day: string }>(`/api/v1/projects/${slug}/readiness/snapshots`, { method: "POST" }),
    onSuccess: () => client.invalidateQueries({ queryKey: dashboardKeys.all }),
  });
  return (
    <div>
      <button
        className="btn"
        type="button"
        onClick={() => m.mutate()}
        disabled={m.isPending}
        data-testid="snapshot-button"
      >
        {m.isPending ? "Recording…" : "Record today's readiness"}
      </button>
      {m.isSuccess ? (
        <p className="small" role="status">
          Recorded for {m.data.day}.
        </p>
      ) : null}
      <ErrorMessage error={m.error} />
    </div>
  );
}
