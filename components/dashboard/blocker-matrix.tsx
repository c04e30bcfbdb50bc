"use client";
import Link from "next/link";
import { ErrorMessage } from "@/components/ui/error-message";
import { PRIORITY_COLUMNS } from "@/lib/readiness/priorities";
import { useBlockerMatrix } from "@/components/dashboard/use-blocker-matrix";

const LABELS: Record<string, string> = {
  BLOCKER: "Blocker",
  CRITICAL: "Critical",
  HIGH: "High",
  MEDIUM: "Medium",
  LOW: "Low",
  NONE: "No priority",
};

/** Open backlog items per project, counted by block x priority; every count opens the list behind it. */
export function BlockerMatrix({ project }: { project?: string }) {
  const q = useBlockerMatrix(project);
  if (q.error) return <ErrorMessage error={q.error} />;
  if (q.isPending) return <p className="muted">Counting open backlog items…</p>;
  if (!q.data.projects.length) {
    return (
      <p className="muted">
        No open backlog items. Import a readiness document into a project&rsquo;s backlog to see its blockers here by
        block and priority.
      </p>
    );
  }
  return (
    <div className="stack" data-testid="blocker-matrix">
      {q.data.projects.map((m) => (
        <div key={m.project.slug} className="table-wrap">
          <table>
            <caption style={{ textAlign: "left", fontWeight: 600, padding: "0.3rem 0" }}>
              {m.project.name}: <Link href={m.totalHref}>{m.total} open</Link>
            </caption>
            <thead>
              <tr>
                <th scope="col">Block</th>
                {PRIORITY_COLUMNS.map((p) => (
                  <th key={p} scope="col" style={{ textAlign: "right" }}>
                    {LABELS[p]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {m.rows.map((r) => (
                <tr key={r.block || "(none)"}>
                  <th scope="row" style={{ fontWeight: 400 }}>
                    {r.block || <span className="muted">(no block)</span>}
                  </th>
                  {PRIORITY_COLUMNS.map((p) => (
                    <td key={p} style={{ textAlign: "right" }}>
                      {r.cells[p].href ? (
                        <Link
                          href={r.cells[p].href}
                          aria-label={`${r.cells[p].count} ${LABELS[p].toLowerCase()} items open in ${r.block || "no block"}`}
                        >
                          {p === "BLOCKER" ? <strong>{r.cells[p].count}</strong> : r.cells[p].count}
                        </Link>
                      ) : (
                        <span className="muted">0</span>
                      )}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  );
}
