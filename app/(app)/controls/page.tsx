import Link from "next/link";
import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { controlFacets } from "@/lib/controls/control-facets";
import { PageHeader } from "@/components/ui/page-header";
import { MappingMatrixLink } from "@/components/controls/mapping-matrix-link";
import { ControlsTable } from "@/components/controls/controls-table";

export const metadata: Metadata = { title: "Controls" };

export default async function ControlsPage() {
  const ctx = await requirePermission("control:read");
  const facets = await controlFacets({ ctx });
  return (
    <>
      <PageHeader
        title="Controls"
        description="What the organisation does to meet its requirements. One control can serve SOC 2, GDPR and IRB requirements at once; each project can mark a control not applicable, with a reason."
        actions={
          <>
            <MappingMatrixLink />
            <a className="btn" href="/api/v1/controls/export" download data-testid="export-csv">
              Export CSV
            </a>
            {can(ctx.actor, "control:manage") ? (
              <Link className="btn btn-primary" href="/controls/new">
                New control
              </Link>
            ) : null}
          </>
        }
      />
      <ControlsTable facets={facets} />
    </>
  );
}
