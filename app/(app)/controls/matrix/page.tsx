import Link from "next/link";
import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { mappingMatrix } from "@/lib/controls/mapping-matrix";
import { controlFacets } from "@/lib/controls/control-facets";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import styles from "@/components/catalogue/catalogue.module.css";

export const metadata: Metadata = { title: "Mapping matrix" };

export default async function MatrixPage({ searchParams }: { searchParams: Promise<{ family?: string }> }) {
  const ctx = await requirePermission("control:read");
  const facets = await controlFacets({ ctx });
  const requested = (await searchParams).family;
  const family = facets.families.some((f) => f.prefix === requested) ? requested : undefined;
  const matrix = await mappingMatrix({ ctx, family });
  return (
    <>
      <PageHeader
        breadcrumbs={[{ href: "/controls", label: "Controls" }]}
        title="Mapping matrix"
        description="Every live control against every framework, with the requirement ids it serves in each. An empty cell means the control does not serve that framework."
        actions={
          <a className="btn" href="/api/v1/controls/export" download>
            Export CSV
          </a>
        }
      />
      <div className="stack">
        <form className="filters" method="get" aria-label="Filter the matrix">
          <div className="field">
            <label htmlFor="m-family">Family</label>
            <select id="m-family" name="family" defaultValue={family ?? ""}>
              <option value="">All families</option>
              {facets.families.map((f) => (
                <option key={f.prefix} value={f.prefix}>
                  {f.prefix} · {f.name}
                </option>
              ))}
            </select>
          </div>
          <button className="btn btn-primary" type="submit">
            Show
          </button>
        </form>
        {matrix.rows.length === 0 ? (
          <EmptyState title="No live controls">
            <p>
              The starter library loads with the reference data; archived controls are left out of the matrix. Create a
              control from the Controls page.
            </p>
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table className={styles.matrix} data-testid="mapping-matrix">
              <caption className="sr-only">Controls by framework, with requirement ids</caption>
              <thead>
                <tr>
                  <th scope="col">Control</th>
                  {matrix.frameworks.map((f) => (
                    <th key={f.key} scope="col">
                      <Link href={`/frameworks/${f.key}`}>{f.name}</Link>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {matrix.rows.map((r) => (
                  <tr key={r.key}>
                    <th scope="row" className={styles.text} style={{ whiteSpace: "normal", fontWeight: 400 }}>
                      <Link className="mono" href={`/controls/${r.key}`}>
                        {r.key}
                      </Link>{" "}
                      {r.title}
                    </th>
                    {matrix.frameworks.map((f) => (
                      <td key={f.key}>{r.cells[f.key]?.join(", ") ?? <span className="sr-only">none</span>}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </>
  );
}
