import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/page-header";
import { BacklogView } from "@/components/backlog/backlog-view";
import { filtersFrom } from "@/components/backlog/filter-url";

export const metadata: Metadata = { title: "Backlog" };

export default async function CrossProjectBacklogPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePermission("backlog:read");
  const search = await searchParams;
  const filters = filtersFrom(search);
  return (
    <>
      <PageHeader
        title="Backlog"
        description="Production-readiness work across every project you can see, blockers first. Open a project to import documents or add items."
      />
      <BacklogView
        project={null}
        base="/backlog"
        filters={filters}
        view={search.view === "board" ? "board" : "table"}
      />
    </>
  );
}
