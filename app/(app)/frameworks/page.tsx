import Link from "next/link";
import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { listFrameworks } from "@/lib/catalogue/list-frameworks";
import { PageHeader } from "@/components/ui/page-header";
import { MappingMatrixLink } from "@/components/controls/mapping-matrix-link";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { CoverageBar } from "@/components/catalogue/coverage-bar";
import { ImportFrameworkForm } from "@/components/catalogue/import-framework-form";
import { DataTable } from "@/components/ui/data-table";

export const metadata: Metadata = { title: "Frameworks" };

export default async function FrameworksPage() {
  const ctx = await requirePermission("framework:read");
  const frameworks = await listFrameworks({ ctx });
  const canImport = can(ctx.actor, "framework:manage");
  return (
    <>
      <PageHeader
        title="Frameworks"
        description="The requirement catalogues controls are mapped to. Coverage counts the requirements readiness scores (those not split into points) that at least one live control serves, mapped to the requirement itself or to a group above it; it says nothing yet about evidence."
        actions={<MappingMatrixLink />}
      />
      <div className="stack">
        {frameworks.length === 0 ? (
          <EmptyState title="No frameworks loaded">
            <p>
              SOC 2, GDPR and IRB load automatically with the reference data (npm run db:migrate). Custom frameworks
              appear here once a lead imports one.
            </p>
          </EmptyState>
        ) : (
          <DataTable
            testId="frameworks-table"
            columns={["Framework", "Version", { label: "Requirements", className: "num" }, "Mapping coverage", "File"]}
          >
            {frameworks.map((f) => (
              <tr key={f.key} data-testid={`framework-row-${f.key}`}>
                <td>
                  <Link href={`/frameworks/${f.key}`}>{f.name}</Link>{" "}
                  {f.builtIn ? <Badge>Built-in</Badge> : <Badge tone="accent">Custom</Badge>}
                  <div className="muted small mono">{f.key}</div>
                </td>
                <td className="small">{f.version}</td>
                <td className="num">
                  {f.coverage.assessable}
                  <div className="muted small">
                    scored of {f.requirements}
                    {f.retired ? `, ${f.retired} retired` : ""}
                  </div>
                </td>
                <td>
                  <CoverageBar coverage={f.coverage} testId={`coverage-${f.key}`} />
                </td>
                <td>
                  <a className="btn btn-small" href={`/api/v1/frameworks/${f.key}/export`} download>
                    Export JSON
                  </a>
                </td>
              </tr>
            ))}
          </DataTable>
        )}
        {canImport ? (
          <section className="card" aria-labelledby="import-title">
            <h2 id="import-title">Import a custom framework</h2>
            <p className="small muted">
              Track a customer&rsquo;s security addendum or an internal standard as a framework. The file format is
              described in docs/catalogues.md; exporting any framework above gives a working example. A file with any
              problem is refused as a whole.
            </p>
            <ImportFrameworkForm />
          </section>
        ) : null}
      </div>
    </>
  );
}
