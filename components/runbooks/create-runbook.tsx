"use client";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import { RunbookForm } from "@/components/runbooks/runbook-form";

export function CreateRunbook({ project }: { project: string }) {
  const router = useRouter();
  const create = useMutation({
    mutationFn: (body: unknown) =>
      apiFetch<{ id: string }>(`/api/v1/projects/${project}/runbooks`, { method: "POST", body }),
  });
  return (
    <section className="card">
      <RunbookForm
        initial={{
          title: "",
          steps: [],
          ownerId: null,
          cadenceDays: 90,
          rtoTargetSeconds: null,
          rpoTargetSeconds: null,
        }}
        submitLabel="Save runbook"
        pending={create.isPending}
        error={create.error}
        onSubmit={(v) => create.mutate(v, { onSuccess: (r) => router.push(`/projects/${project}/runbooks/${r.id}`) })}
      />
    </section>
  );
}
