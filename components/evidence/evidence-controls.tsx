"use client";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ErrorMessage } from "@/components/ui/error-message";
import { Badge } from "@/components/ui/badge";
import { useEvidenceFiling } from "@/components/evidence/use-evidence";
import { ACTIONS_COLUMN, DataTable } from "@/components/ui/data-table";
import { RowAction } from "@/components/ui/row-action";
import { SelectField } from "@/components/ui/select-field";
import { controlOption } from "@/components/evidence/evidence-table";

interface Filing {
  key: string;
  title: string;
  via: string;
  rule: { id: string; name: string } | null;
  freshnessDays: number | null;
}

/** The controls an evidence is filed under, with filing and unfiling by hand. */
export function EvidenceControls({
  slug,
  evidenceId,
  filings,
  options,
  canEdit,
}: {
  slug: string;
  evidenceId: string;
  filings: Filing[];
  options: Array<{ key: string; title: string }>;
  canEdit: boolean;
}) {
  const router = useRouter();
  const { map, unmap } = useEvidenceFiling(slug, evidenceId);
  const [control, setControl] = useState("");
  const available = options.filter((o) => !filings.some((f) => f.key === o.key));

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (!control) return;
    map.mutate(control, {
      onSuccess: () => {
        setControl("");
        router.refresh();
      },
    });
  }

  return (
    <div className="stack" data-testid="evidence-controls">
      <ErrorMessage error={map.error ?? unmap.error} />
      {filings.length === 0 ? (
        <p className="muted" data-testid="no-controls">
          Not filed under any control yet. A filing rule files matching evidence automatically
          {canEdit ? ", or file it by hand below" : ""}.
        </p>
      ) : (
        <DataTable columns={["Control", "Filed by", "Stays fresh for", canEdit ? ACTIONS_COLUMN : null]}>
          {filings.map((f) => (
            <tr key={f.key} data-testid="evidence-control">
              <td>
                <strong>{f.key}</strong> {f.title}
              </td>
              <td className="small">{f.via === "rule" ? <>rule “{f.rule?.name}”</> : <Badge>by hand</Badge>}</td>
              <td className="small">
                {f.freshnessDays ? `${f.freshnessDays} days` : <span className="muted">not an expected kind</span>}
              </td>
              {canEdit ? (
                <td>
                  <RowAction
                    action={unmap}
                    value={f.key}
                    name={`Remove from ${f.key}`}
                    onSuccess={() => router.refresh()}
                  >
                    Remove
                  </RowAction>
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      )}
      {canEdit ? (
        <form className="row" onSubmit={onSubmit} aria-label="File under a control">
          <SelectField
            label="File under control"
            blank="Choose a control…"
            options={available.map(controlOption)}
            value={control}
            onChange={(e) => setControl(e.target.value)}
          />
          <button className="btn" type="submit" disabled={!control || map.isPending}>
            File it
          </button>
        </form>
      ) : null}
    </div>
  );
}
