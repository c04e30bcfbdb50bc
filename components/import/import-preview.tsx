import { Badge, type Tone } from "@/components/ui/badge";
import type { ImportReport, PlanAction } from "@/components/import/use-import";
import { DataTable } from "@/components/ui/data-table";

export const ACTION_LABELS: Record<PlanAction, { label: string; tone: Tone }> = {
  create: { label: "New", tone: "info" },
  update: { label: "Updated", tone: "accent" },
  close: { label: "Closed", tone: "ok" },
  reopen: { label: "Reopened", tone: "warn" },
  restore: { label: "Back in the document", tone: "accent" },
  remove: { label: "Gone from the document", tone: "warn" },
  conflict: { label: "Conflict", tone: "bad" },
  unchanged: { label: "Unchanged", tone: "muted" },
};

const ORDER: PlanAction[] = ["conflict", "create", "update", "close", "reopen", "restore", "remove", "unchanged"];

function show(v: unknown): string {
  if (Array.isArray(v)) return `${v.length} entr${v.length === 1 ? "y" : "ies"}`;
  if (v === null || v === undefined || v === "") return "—";
  const s = String(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}

/** What an import will do (or did): counts by action, then every item that changes, conflicts first. */
export function ImportPlanView({ report, applied }: { report: ImportReport; applied: boolean }) {
  const changing = report.items
    .filter((i) => i.action !== "unchanged")
    .sort((a, b) => ORDER.indexOf(a.action) - ORDER.indexOf(b.action));
  const runbooks = report.runbooks.filter((r) => r.action !== "unchanged");
  return (
    <div className="stack" data-testid={applied ? "import-result" : "import-preview"}>
      <dl className="kv">
        <dt>Document</dt>
        <dd>
          {report.document.title}{" "}
          <span className="muted small">
            ({report.format}
            {report.reflowed ? ", reflowed from one line" : ""}, {report.sections} sections)
          </span>
        </dd>
        <dt>Items</dt>
        <dd data-testid="plan-counts">
          {ORDER.filter((a) => report.counts[a]).map((a) => (
            <span key={a} style={{ marginRight: "0.5rem" }}>
              <Badge tone={ACTION_LABELS[a].tone}>{`${ACTION_LABELS[a].label}: ${report.counts[a]}`}</Badge>
            </span>
          ))}
        </dd>
        <dt>Runbooks</dt>
        <dd>
          {report.runbooks.length
            ? report.runbooks.map((r) => `${r.title} (${r.steps} steps, ${r.action})`).join("; ")
            : "none found"}
        </dd>
      </dl>
      {report.document.sameVersionImportedAt ? (
        <p className="alert alert-info">
          This exact version was imported before; importing it again only refreshes where each item sits in it.
        </p>
      ) : null}
      {report.warnings.length ? (
        <div className="alert alert-warn">
          <strong>Worth knowing</strong>
          <ul>
            {report.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {changing.length || runbooks.length ? (
        <DataTable testId="plan-table" columns={[applied ? "Done" : "Will be", "Item", "Where", "What changes"]}>
          {changing.map((i, n) => (
            <tr key={`${i.id ?? "new"}-${n}`} data-testid={`plan-${i.action}`}>
              <td>
                <Badge tone={ACTION_LABELS[i.action].tone}>{ACTION_LABELS[i.action].label}</Badge>
              </td>
              <td>
                {i.key ? <span className="mono small">{i.key} </span> : null}
                {i.title}
              </td>
              <td className="small">
                {i.sectionPath.join(" › ")}
                {i.line ? `, line ${i.line}` : ""}
              </td>
              <td className="small">
                {i.reason ? <p>{i.reason}</p> : null}
                {i.changes.map((c) => (
                  <div key={c.field}>
                    <strong>{c.field}</strong>: {show(c.before)} → {show(c.after)}
                  </div>
                ))}
                {i.action === "create"
                  ? [
                      i.kind === "CHECKLIST" ? "checklist item" : i.kind === "GAP" ? "gap" : "item",
                      i.priority,
                      i.status === "DONE" ? "done" : null,
                      i.criteria ? `${i.criteria} criteria` : null,
                    ]
                      .filter(Boolean)
                      .join(", ")
                  : null}
              </td>
            </tr>
          ))}
          {runbooks.map((r) => (
            <tr key={`rb-${r.key}`}>
              <td>
                <Badge tone={r.action === "conflict" ? "bad" : "info"}>{`Runbook ${r.action}`}</Badge>
              </td>
              <td>{r.title}</td>
              <td className="small">{r.steps} steps</td>
              <td className="small">{r.reason ?? r.changes.map((c) => c.field).join(", ")}</td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p className="muted">Nothing changes: the project already holds this document as it is.</p>
      )}
    </div>
  );
}
