"use client";
import Link from "next/link";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiFetch } from "@/lib/client/api";
import type { AuditEvidencePageDto } from "@/lib/dto/audits";
import { formatDateTime } from "@/lib/format";
import { EmptyState } from "@/components/ui/empty-state";
import { OutcomeBadge } from "@/components/evidence/outcome-badge";
import { KIND_LABELS, OUTCOMES } from "@/components/evidence/labels";
import { auditKeys } from "@/components/audits/query-keys";
import { Badge } from "@/components/ui/badge";
import { QueryTable } from "@/components/ui/query-table";
import { recordOptions, SelectField } from "@/components/ui/select-field";

/** Evidence of the audit's projects effective inside its window, newest first, a page at a time. */
export function AuditEvidenceTable({
  auditId,
  projects,
}: {
  auditId: string;
  projects: Array<{ slug: string; name: string }>;
}) {
  const [filters, setFilters] = useState<{ project?: string; outcome?: string }>({});
  const list = useInfiniteQuery({
    queryKey: auditKeys.evidence(auditId, filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      apiFetch<AuditEvidencePageDto>(`/api/v1/audits/${auditId}/evidence`, {
        query: { ...filters, cursor: pageParam, limit: 50 },
      }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  return (
    <div className="stack">
      <div className="filters">
        <SelectField
          label="Project"
          blank="All in scope"
          options={projects.map((p) => ({ value: p.slug, label: p.name }))}
          value={filters.project ?? ""}
          onChange={(e) => setFilters({ ...filters, project: e.target.value || undefined })}
        />
        <SelectField
          label="Outcome"
          blank="Any"
          options={recordOptions(OUTCOMES)}
          value={filters.outcome ?? ""}
          onChange={(e) => setFilters({ ...filters, outcome: e.target.value || undefined })}
        />
      </div>
      <QueryTable
        query={list}
        loading="Loading evidence…"
        empty={
          <EmptyState title="No evidence inside the window" testId="audit-evidence-empty">
            <p>
              Evidence of the projects in scope appears here when it is effective inside the observation window: pushed
              from CI, ingested from logs and drills, or uploaded to answer a request.
            </p>
          </EmptyState>
        }
        testId="audit-evidence-table"
        columns={["Effective", "Collected", "Evidence", "Kind", "Project", "Outcome", "sha256"]}
        pager={{ more: "Load more", small: true, whileMore: true }}
      >
        {(e) => (
          <tr key={e.id} data-testid="audit-evidence-row">
            <td className="small">{formatDateTime(e.effectiveAt)}</td>
            <td className="small" data-testid="audit-evidence-collected">
              {formatDateTime(e.collectedAt)}
              {e.collectedAfterWindow ? (
                <>
                  {" "}
                  <Badge tone="warn" title="Dated into the window, but collected after the window closed">
                    after the window
                  </Badge>
                </>
              ) : null}
            </td>
            <td>
              <Link href={`/projects/${e.project.slug}/evidence/${e.id}`}>{e.title}</Link>
            </td>
            <td className="small">{KIND_LABELS[e.kind] ?? e.kind}</td>
            <td className="small">{e.project.name}</td>
            <td>
              <OutcomeBadge outcome={e.outcome} />
            </td>
            <td className="small mono">{e.sha256 ? `${e.sha256.slice(0, 12)}…` : "—"}</td>
          </tr>
        )}
      </QueryTable>
    </div>
  );
}
