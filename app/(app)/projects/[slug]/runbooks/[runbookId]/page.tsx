import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { requestNow } from "@/lib/clock";
import { serialized } from "@/lib/dto/serialized";
import { getRunbook } from "@/lib/runbooks/get-runbook";
import { RunbookPage } from "@/components/runbooks/runbook-view";
import { orNotFound } from "@/lib/core/page-data";

export default async function RunbookRoute({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string; runbookId: string }>;
  searchParams: Promise<{ version?: string }>;
}) {
  const { slug, runbookId } = await params;
  const { version } = await searchParams;
  const ctx = await requirePermission("runbook:read");
  const now = await requestNow();
  const wanted = version && /^\d+$/.test(version) ? Number(version) : null;
  const runbook = await orNotFound(getRunbook({ ctx, slug, runbookId, now, version: wanted ?? undefined }));
  const initial = serialized(runbook);
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
