"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { apiFetch } from "@/lib/client/api";
import { formatNumber } from "@/lib/format";
import { ErrorMessage } from "@/components/ui/error-message";
import { POPULATION_KIND_LABELS } from "@/components/audits/labels";
import { auditKeys } from "@/components/audits/query-keys";
import { PopulationStatusBadge } from "@/components/audits/populations-panel";
import { POLL_MS, isCounting, type PopulationStatus } from "@/components/audits/use-populations";

type Member = Record<string, string | number | null> & { key: string; position: number };

interface PopulationPage {
  kind: string;
  definition: string;
  status: PopulationStatus;
  error: string | null;
  size: number | null;
  digest: string | null;
  columns: string[];
  control: { key: string; title: string } | null;
  members: { items: Member[]; nextCursor: string | null };
  samples: Array<{ id: string; seed: string; size: number; populationSize: number; rows: Member[] }>;
}

const cell = (v: unknown) => (v === null || v === undefined ? "—" : String(v));

/** A population's members in their stable order (the order samples are drawn from), and its samples. */
export function PopulationMembers({ auditId, populationId }: { auditId: string; populationId: string }) {
  const q = useInfiniteQuery({
    queryKey: auditKeys.population(auditId, populationId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      apiFetch<PopulationPage>(`/api/v1/audits/${auditId}/populations/${populationId}`, {
        query: { cursor: pageParam, limit: 100 },
      }),
    getNextPageParam: (last) => last.members.nextCursor ?? undefined,
    // While the worker counts it, ask again until it is ready (or failed).
    refetchInterval: (query) => (query.state.data && isCounting(query.state.data.pages[0].status) ? POLL_MS : false),
  });
  if (q.isPending) return <p className="muted">Loading the population…</p>;
  if (q.error) return <ErrorMessage error={q.error} />;
  const first = q.data.pages[0];
  const members = q.data.pages.flatMap((p) => p.members.items);
  if (first.size === null) {
    return (
      <section className="card stack">
        <h2>
          {POPULATION_KIND_LABELS[first.kind] ?? first.kind} <PopulationStatusBadge status={first.status} />
        </h2>
        <p className="small">Defined as: {first.definition}</p>
        {first.error ? (
          <p className="alert alert-error">{first.error}</p>
        ) : (
          <p className="muted small">
            The worker is counting the members and taking the digest; this page updates by itself.
          </p>
        )}
      </section>
    );
  }
  return (
    <div className="stack">
      <section className="card">
        <h2>
          {POPULATION_KIND_LABELS[first.kind] ?? first.kind}: {formatNumber(first.size)} member
          {first.size === 1 ? "" : "s"}
        </h2>
        <p className="small">Defined as: {first.definition}</p>
        <p className="small muted mono">digest {first.digest}</p>
      </section>
      {first.samples.map((s) => (
        <section key={s.id} className="card" aria-label={`Sample with seed ${s.seed}`}>
          <h3>
            Sample of {s.size} from {formatNumber(s.populationSize)}, seed <span className="mono">{s.seed}</span>
          </h3>
          <MemberTable
            columns={first.columns}
            rows={s.rows}
            first="Draw"
            index={(m, i) => i + 1}
            testId="sample-members"
          />
        </section>
      ))}
      <section className="card" aria-label="Every member">
        <h3>Every member, in the order samples are drawn from</h3>
        <MemberTable
          columns={first.columns}
          rows={members}
          first="Position"
          index={(m) => m.position}
          testId="population-members"
        />
        {q.hasNextPage ? (
          <div className="pager">
            <span>
              {members.length} of {formatNumber(first.size)} shown
            </span>
            <button
              type="button"
              className="btn btn-small"
              onClick={() => q.fetchNextPage()}
              disabled={q.isFetchingNextPage}
            >
              {q.isFetchingNextPage ? "Loading…" : "Load more"}
            </button>
          </div>
        ) : null}
      </section>
    </div>
  );
}

function MemberTable({
  columns,
  rows,
  first,
  index,
  testId,
}: {
  columns: string[];
  rows: Member[];
  first: string;
  index: (m: Member, i: number) => number;
  testId: string;
}) {
  if (!rows.length) return <p className="muted">No members.</p>;
  return (
    <div className="table-wrap">
      <table data-testid={testId}>
        <thead>
          <tr>
            <th className="num">{first}</th>
            {columns.map((c) => (
              <th key={c}>{c.replace(/_/g, " ")}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((m, i) => (
            <tr key={m.key}>
              <td className="num">{index(m, i)}</td>
              {columns.map((c) => (
                <td key={c} className="small">
                  {cell(m[c])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
