import { notFound } from "next/navigation";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { requestNow } from "@/lib/clock";
import { NotFoundError } from "@/lib/errors";
import { jsonText } from "@/lib/api/json";
import { getRunbook } from "@/lib/runbooks/get-runbook";
import { RunbookPage } from "@/components/runbooks/runbook-view";
import type { RunbookView } from "@/components/runbooks/use-runbook";

export default async function RunbookRoute({ params, searchParams }: { params: Promise<{ slug: string; runbookId: string }>; searchParams: Promise<{ version?: string }> }) {
  const { slug, runbookId } = await params;
  const { version } = await searchParams;
  const ctx = await requirePermission("runbook:read");
  const now = await requestNow();
  const wanted = version && /^\d+$/.test(version) ? Number(version) : null;
  const runbook = await getRunbook({ ctx, slug, runbookId, now, version: wanted ?? undefined }).catch((err) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  const initial = JSON.parse(jsonText(runbook)) as RunbookView;
  return (
    <RunbookPage
      initial={initial}
      version={wanted}
      canWrite={can(ctx.actor, "runbook:write", { projectId: runbook.projectId })}
      canExercise={can(ctx.actor, "runbook:exercise", { projectId: runbook.projectId })}
      now={now.toISOString()}
    />
  );
}
