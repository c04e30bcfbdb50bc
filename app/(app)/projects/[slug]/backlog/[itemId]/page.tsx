import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { serialized } from "@/lib/dto/serialized";
import { getBacklogItem } from "@/lib/backlog/get-backlog-item";
import { BacklogItemPage } from "@/components/backlog/backlog-item-view";
import { orNotFound } from "@/lib/core/page-data";

export default async function BacklogItemRoute({ params }: { params: Promise<{ slug: string; itemId: string }> }) {
  const { slug, itemId } = await params;
  const ctx = await requirePermission("backlog:read");
  const item = await orNotFound(getBacklogItem({ ctx, slug, itemId }));
  // The same JSON the API gives, so that the page and later refreshes agree.
  const initial = serialized(item);
  return (
    <BacklogItemPage initial={initial} canWrite={can(ctx.actor, "backlog:write", { projectId: item.projectId })} />
  );
}
