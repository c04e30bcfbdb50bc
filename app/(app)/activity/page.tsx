import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { activityFacets } from "@/lib/activity/list-activity";
import { PageHeader } from "@/components/ui/page-header";
import { ActivityTable } from "@/components/activity/activity-table";

export const metadata: Metadata = { title: "Activity trail" };

export default async function ActivityPage() {
  const ctx = await requirePermission("activity:read");
  const facets = await activityFacets({ ctx });
  return (
    <>
      <PageHeader
        title="Activity trail"
        description="Every change made in Proofline, by a person or a token, newest first. Each entry is chained to the one before it by its hash; run npm run activity:verify to check that none was altered."
      />
      <ActivityTable entityTypes={facets.entityTypes} actions={facets.actions} />
    </>
  );
}
