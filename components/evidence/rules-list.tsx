"use client";
import { useState } from "react";
import { ErrorMessage, SuccessMessage } from "@/components/ui/error-message";
import { Badge } from "@/components/ui/badge";
import { KIND_LABELS } from "@/components/evidence/labels";
import { useRuleActions, useRules, type RuleItem } from "@/components/evidence/use-rules";
import { ACTIONS_COLUMN, DataTable } from "@/components/ui/data-table";

/** The project's filing rules, with apply (to past evidence), enable/disable and delete. */
export function RulesList({
  slug,
  initial,
  canManage,
}: {
  slug: string;
  initial: { items: RuleItem[]; auditLogMapping: Record<string, string> | null };
  canManage: boolean;
}) {
  const rules = useRules(slug, initial);
  const actions = useRuleActions(slug);
  const [message, setMessage] = useState<string | null>(null);
  const items = rules.data.items;
  const error = rules.error ?? actions.apply.error ?? actions.update.error ?? actions.remove.error;

  if (!items.length) {
    return (
      <div className="empty" data-testid="rules-empty">
        <h2>No filing rules yet</h2>
        <p>
          Rules file incoming evidence under controls: for example JUnit reports from workflow release-check on main
          under the CI-test controls, or drills named restore-* under the backup controls.
          {canManage ? " Create the first one below." : ""}
        </p>
      </div>
    );
  }
  return (
    <div className="stack">
      <ErrorMessage error={error} />
      {message ? <SuccessMessage testId="rule-message">{message}</SuccessMessage> : null}
      <DataTable
        testId="rules-table"
        columns={["Rule", "Matches", "Controls", "Filings", canManage ? ACTIONS_COLUMN : null]}
      >
        {items.map((r) => (
          <tr key={r.id} data-testid="rule-row">
            <td>
              {r.name} {r.enabled ? null : <Badge>disabled</Badge>}
            </td>
            <td className="small">
              {[
                r.kind ? KIND_LABELS[r.kind] : "any kind",
                r.format ?? "any format",
                ...Object.entries(r.conditions).map(([k, v]) => `${k} ${v}`),
              ].join(" · ")}
            </td>
            <td className="small">{r.controls.map((c) => c.key).join(", ")}</td>
            <td>{r.filings.toLocaleString("en-US")}</td>
            {canManage ? (
              <td className="row">
                <button
                  className="btn btn-small"
                  type="button"
                  disabled={actions.apply.isPending}
                  onClick={() =>
                    actions.apply.mutate(r.id, {
                      onSuccess: (x) =>
                        setMessage(
                          `“${r.name}” applied: ${x.matched} matching, ${x.added} filing(s) added, ${x.removed} removed.`,
                        ),
                    })
                  }
                >
                  Apply to past evidence
                </button>
                <button
                  className="btn btn-small"
                  type="button"
                  onClick={() => actions.update.mutate({ id: r.id, body: { enabled: !r.enabled } })}
                >
                  {r.enabled ? "Disable" : "Enable"}
                </button>
                <button
                  className="btn btn-small btn-danger"
                  type="button"
                  onClick={() =>
                    actions.remove.mutate(r.id, {
                      onSuccess: (x) => setMessage(`“${r.name}” deleted with its ${x.filingsRemoved} filing(s).`),
                    })
                  }
                >
                  Delete
                </button>
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
