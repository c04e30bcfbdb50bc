import Link from "next/link";
import type { Metadata } from "next";
import { requirePermission } from "@/lib/auth/session";
import { can } from "@/lib/auth/actor";
import { getFramework } from "@/lib/catalogue/get-framework";
import { listControlOptions } from "@/lib/controls/list-control-options";
import { countOf, formatDate } from "@/lib/format";
import { PageHeader } from "@/components/ui/page-header";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { CoverageBar } from "@/components/catalogue/coverage-bar";
import { RequirementTree } from "@/components/catalogue/requirement-tree";
import { GroupMappings } from "@/components/catalogue/group-mappings";
import { orNotFound } from "@/lib/core/page-data";

export const metadata: Metadata = { title: "Framework" };

type Search = { q?: string; unmapped?: string };

export default async function FrameworkPage({
  params,
  searchParams,
}: {
  params: Promise<{ key: string }>;
  searchParams: Promise<Search>;
}) {
  const { key } = await params;
  const search = await searchParams;
  const ctx = await requirePermission("framework:read");
  const q = typeof search.q === "string" ? search.q.slice(0, 200) : undefined;
  const unmapped = search.unmapped === "1" ? ("1" as const) : undefined;
  const detail = await orNotFound(getFramework({ ctx, key, query: { q, unmapped } }));
  const canMap = can(ctx.actor, "control:manage");
  const options = canMap ? await listControlOptions({ ctx }) : [];
  const filtered = Boolean(q || unmapped);
  const { framework, coverage } = detail;
  return (
    <>
      <PageHeader
        breadcrumbs={[{ href: "/frameworks", label: "Frameworks" }]}
        title={
          <span className="row">
            {framework.name} {framework.builtIn ? <Badge>Built-in</Badge> : <Badge tone="accent">Custom</Badge>}
          </span>
        }
        description={framework.description || undefined}
        actions={
          <a className="btn" href={`/api/v1/frameworks/${framework.key}/export`} download>
            Export JSON
          </a>
        }
      />
      <div className="stack">
        <section className="card row" aria-label="Mapping coverage">
          <div>
            <div className="stat-label">Version</div>
            <div className="small">{framework.version}</div>
          </div>
          <div className="spacer" />
          <div className="stack">
            <CoverageBar coverage={coverage} testId="framework-coverage" />
            {detail.groupMappings.length ? (
              <a className="small" href="#group-mappings-title" data-testid="group-mappings-link">
                {countOf(detail.groupMappings.length, "group has", "groups have")} controls mapped to{" "}
                {detail.groupMappings.length === 1 ? "it" : "them"}
              </a>
            ) : null}
          </div>
        </section>
        <form className="filters" method="get" role="search" aria-label={`Search ${framework.name}`}>
          <div className="field">
            <label htmlFor="req-search">Find a requirement</label>
            <input
              id="req-search"
              name="q"
              type="search"
              defaultValue={q ?? ""}
              placeholder="An id such as CC6.1, or words"
            />
          </div>
          <div className="field">
            <label>
              <input type="checkbox" name="unmapped" value="1" defaultChecked={Boolean(unmapped)} /> Only unmapped
            </label>
          </div>
          <button className="btn btn-primary" type="submit">
            Search
          </button>
          {filtered ? (
            <Link className="btn" href={`/frameworks/${framework.key}`}>
              Show all
            </Link>
          ) : null}
        </form>
        {filtered ? (
          <p className="small muted" role="status" data-testid="search-status">
            {detail.shown === 0
              ? "No requirement matches"
              : detail.shown === 1
                ? "1 requirement matches"
                : `${detail.shown} requirements match`}
            {q ? ` “${q}”` : ""}
            {unmapped ? " among the unmapped ones" : ""}.
          </p>
        ) : null}
        {detail.nodes.length === 0 ? (
          <EmptyState
            title={filtered ? "Nothing matches" : "This framework has no requirements"}
            testId="framework-empty"
          >
            <p>
              {unmapped && !q
                ? "Every applicable requirement is served by at least one control."
                : filtered
                  ? "Search by a requirement id (CC6.1, Art. 32, 11.10(e)) or by words from its title or summary."
                  : "Import a new version of the framework file to add requirements."}
            </p>
          </EmptyState>
        ) : (
          <RequirementTree framework={framework.key} nodes={detail.nodes} canMap={canMap} listId="control-keys" />
        )}
        {canMap ? (
          <datalist id="control-keys">
            {options.map((o) => (
              <option key={o.key} value={o.key}>
                {o.title}
              </option>
            ))}
          </datalist>
        ) : null}
        <GroupMappings frameworkName={framework.name} groups={detail.groupMappings} />
        {detail.changes.length ? (
          <section className="card" aria-labelledby="changes-title" data-testid="framework-changes">
            <h2 id="changes-title">What changed in recent versions</h2>
            <p className="small muted">
              New requirements, changed applicability and retired requirements, as the catalogue loader reported them.
              Scores re-evaluate from the next snapshot; earlier snapshots keep the figures of their day.
            </p>
            {detail.changes.map((c) => (
              <div key={`${c.version}-${c.at.toISOString()}`}>
                <h3 className="small">
                  {c.version || "Version"} ({formatDate(c.at)})
                </h3>
                <ul className="small">
                  {c.lines.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </div>
            ))}
          </section>
        ) : null}
        {detail.retired.length ? (
          <section className="card" aria-labelledby="retired-title">
            <h2 id="retired-title">Retired requirements</h2>
            <p className="small muted">
              Dropped by a newer version of the catalogue. They are no longer assessed; their mappings are kept so that
              history still reads.
            </p>
            <ul className="small">
              {detail.retired.map((r) => (
                <li key={r.refId}>
                  <span className="mono">{r.refId}</span> {r.title} (retired {formatDate(r.retiredAt)})
                  {r.controls.length ? `: ${r.controls.map((c) => c.key).join(", ")}` : ""}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </>
  );
}
